import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, cloneTemplate } from '../../tests/helpers/harness.js';
import { TEST_MASTER_KEY } from '../../tests/helpers/test-env.js';
import { ManualClock } from '../lib/clock.js';
import { loadConfig } from '../lib/config.js';
import { maskForLog, maskQueryString } from '../lib/log-redaction.js';
import { LoggingSmsChannel } from '../modules/events/notification.service.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { DEMO_PASSWORD } from '../seed/demo-city.js';
import { createAppLogger } from './request-log.js';

const ID_NUMBER = '62070219850317002X';
const PHONE = '13987654321';

/** Issue #14 item 2: the request log must not carry an ID number or a phone, wherever the request put it. */
describe(`request log: route patterns and masked query strings, never personal data (${backend})`, () => {
  const lines: string[] = [];
  let runtime: Runtime;
  let token: string;
  const inject = (method: string, url: string, payload?: object) =>
    runtime.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ DEMO: 'off', DATA_DIR: '.tmp/unused', WEB_DIST: '.tmp/no-web' });
    runtime = await createRuntime(config, {
      clock: new ManualClock('2026-11-28T02:00:00Z'),
      database: await cloneTemplate('demo'),
      masterKey: TEST_MASTER_KEY,
      logger: createAppLogger('info', sink),
    });
    await runtime.app.ready();
    const login = await runtime.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'demo-city', password: DEMO_PASSWORD },
    });
    token = login.json().token;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('logs neither an ID number nor a phone put in the query, the path or the body', async () => {
    const before = lines.length;
    for (const v of [ID_NUMBER, PHONE]) {
      expect((await inject('GET', `/api/search?q=${v}`)).statusCode).toBe(200);
      expect((await inject('GET', `/api/people?q=${v}&limit=5`)).statusCode).toBe(200);
      expect((await inject('GET', `/api/people/${v}`)).statusCode).toBe(400);
      expect((await inject('GET', `/api/no-such-route/${v}?phone=${v}`)).statusCode).toBe(404);
    }
    const created = await inject('POST', '/api/people', {
      name: '日志测试',
      idNumber: ID_NUMBER,
      phone: PHONE,
      registrationType: 'household',
    });
    expect(created.statusCode).toBeLessThan(500);
    const log = lines.slice(before).join('');
    // The requests were logged, by their route pattern, with the query values masked.
    expect(log).toContain('"route":"/api/search"');
    expect(log).toContain('/api/search?q=***');
    expect(log).toContain('/api/people?q=***&limit=5');
    expect(log).toContain('"route":"/api/people/:id"');
    for (const secret of [ID_NUMBER, PHONE, '19850317', '87654321']) expect(log).not.toContain(secret);
  });

  it('masks the phone and any tracking code in the text an SMS channel logs', async () => {
    const logged: string[] = [];
    const sms = new LoggingSmsChannel((m) => logged.push(m));
    await sms.send(PHONE, `【枫桥】您反映的问题(查询码K7Q2M9XZ)已受理,联系电话${PHONE},身份证${ID_NUMBER}。`);
    expect(logged[0]).toContain('139****4321');
    expect(logged[0]).not.toMatch(/K7Q2M9XZ|13987654321|19850317/);
  });

  it('masks values of keys that may be personal and keeps paging and enums readable', () => {
    expect(maskQueryString(`q=${PHONE}&limit=20&stage=handle&name=%E5%BC%A0`)).toBe(
      'q=***&limit=20&stage=handle&name=***',
    );
    expect(maskQueryString(`limit=${ID_NUMBER}`)).not.toContain('19850317');
    expect(maskForLog(`id ${ID_NUMBER.toLowerCase()} and ${PHONE}`)).toBe('id 620702********x and 139****4321');
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstGridCentre } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(500)]);
const photo = () => {
  const b = `----fq${crypto.randomBytes(8).toString('hex')}`;
  return {
    body: Buffer.concat([
      Buffer.from(
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      PNG,
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
  };
};

/**
 * Issue #14 item 9: a merged duplicate's tracking page names the event it went into by number and status, never by
 * that event's tracking code (another resident's key), and the duplicate's own code acts on nothing.
 */
describe(`public tracking after a merge (${backend})`, () => {
  let t: TestApp;
  let dataDir: string;
  let op: string;
  let original: { id: string; number: string; trackingCode: string };
  let dup: { id: string; number: string; trackingCode: string };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-track-merge-'));
    t = await startTestApp({ now: '2026-11-26T02:00:00Z', env: { DATA_DIR: dataDir } });
    op = await t.login('demo-ganzhou');
    const g = await firstGridCentre(t, '620702');
    const report = async (description: string) => {
      const r = await t.api('POST', '/api/events', {
        token: op,
        body: { categoryCode: '0403', description, location: { lng: g.lng, lat: g.lat } },
      });
      expect(r.status).toBe(201);
      return r.body as { id: string; number: string; trackingCode: string };
    };
    original = await report('小区门口垃圾堆放多日无人清运');
    dup = await report('门口垃圾没人清理,气味很大');
    const merged = await t.api('POST', `/api/events/${dup.id}/merge`, {
      token: op,
      body: { intoId: original.id, note: '同一处垃圾' },
    });
    expect(merged.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const act = async (action: string) => {
    const r = await t.api('POST', `/api/events/${original.id}/transitions`, { token: op, body: { action } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };

  it("shows the surviving event's number and status, never its tracking code", async () => {
    const r = await t.api('GET', `/api/track/${dup.trackingCode}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      number: dup.number,
      status: 'closed',
      canRate: false,
      mergedInto: { number: original.number, status: 'reported' },
    });
    expect(JSON.stringify(r.body)).not.toContain(original.trackingCode);
    // The status follows the surviving event.
    await act('accept');
    expect((await t.api('GET', `/api/track/${dup.trackingCode}`)).body.mergedInto.status).toBe('accepted');
  });

  it("neither rates nor adds photos through the duplicate's code, to either event", async () => {
    const f = photo();
    expect(
      (await t.api('POST', `/api/track/${dup.trackingCode}/attachments`, { body: f.body, headers: f.headers })).status,
    ).toBe(409);
    expect(
      (await t.api('POST', `/api/track/${dup.trackingCode}/rating`, { body: { rating: 'unsatisfied', reopen: true } }))
        .status,
    ).toBe(409);
    const rows = await t.runtime.database.db
      .selectFrom('event')
      .select(['id', 'status', 'rating'])
      .where('id', 'in', [dup.id, original.id])
      .execute();
    expect(rows.find((x) => x.id === dup.id)).toMatchObject({ status: 'closed', rating: null });
    expect(rows.find((x) => x.id === original.id)).toMatchObject({ status: 'accepted', rating: null });
    const files = await t.runtime.database.db
      .selectFrom('event_attachment')
      .select('id')
      .where('event_id', 'in', [dup.id, original.id])
      .execute();
    expect(files).toHaveLength(0);
  });
});

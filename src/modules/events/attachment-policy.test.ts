import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, firstGridCentre } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(800)]);

/** A multipart body with one PNG in `file`, and a transitionId when given. */
function form(transitionId?: string) {
  const b = `----fq${crypto.randomBytes(8).toString('hex')}`;
  const parts = [
    Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from('\r\n'),
  ];
  if (transitionId)
    parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="transitionId"\r\n\r\n${transitionId}\r\n`));
  parts.push(Buffer.from(`--${b}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

/**
 * Issue #14 item 1: who may attach files to an event is the event policy's answer (canAttach on the event page), not
 * event:read. Read-only leaders and other units' handlers never; finished and merged events never, except the
 * evidence of a step its author just took.
 */
describe(`attachments follow the event policy (${backend})`, () => {
  let t: TestApp;
  let dataDir: string;
  let op: string;
  let handler: string;
  let leader: string;
  let gaotai: string;
  let police: string;
  let grid: { lng: number; lat: number };
  let units: { justice: string; police: string };
  const db = () => t.runtime.database.db;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-attach-policy-'));
    t = await startTestApp({ now: '2026-11-26T02:00:00Z', env: { DATA_DIR: dataDir } });
    const township = (
      await db()
        .selectFrom('app_user')
        .select('scope_code')
        .where('username', '=', 'demo-handler')
        .executeTakeFirstOrThrow()
    ).scope_code;
    grid = await firstGridCentre(t, township);
    const unit = async (kind: string) =>
      (
        await db()
          .selectFrom('unit')
          .select('id')
          .where('area_code', '=', township)
          .where('kind', '=', kind as never)
          .orderBy('code')
          .executeTakeFirstOrThrow()
      ).id;
    units = { justice: await unit('justice_office'), police: await unit('police') };
    op = await t.login('demo-ganzhou');
    handler = await t.login('demo-handler');
    leader = await t.login('demo-leader');
    gaotai = await t.login('demo-gaotai');
    police = (await createUser(t, ['handler'], township, undefined, units.police)).token;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const report = async (categoryCode = '0102') => {
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode,
        description: '邻居装修噪音扰民,多次协商未果',
        location: grid,
      },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; number: string; trackingCode: string };
  };
  const act = async (id: string, body: Record<string, unknown>, token = op) => {
    const r = await t.api('POST', `/api/events/${id}/transitions`, { token, body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  const upload = (id: string, token: string, transitionId?: string) => {
    const f = form(transitionId);
    return t.api('POST', `/api/events/${id}/attachments`, { token, body: f.body, headers: f.headers });
  };
  const canAttach = async (id: string, token: string) =>
    (await t.api('GET', `/api/events/${id}`, { token })).body.canAttach as boolean;
  const lastStep = async (id: string, action: string) =>
    String(
      (
        await db()
          .selectFrom('event_transition')
          .select('id')
          .where('event_id', '=', id)
          .where('action', '=', action)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const fileCount = async (id: string) =>
    Number(
      (
        await db()
          .selectFrom('event_attachment')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('event_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses the read-only leader (403) and a centre out of scope (404), and the page offers them no upload', async () => {
    const e = await report();
    expect((await upload(e.id, leader)).status).toBe(403);
    expect(await canAttach(e.id, leader)).toBe(false);
    expect((await upload(e.id, gaotai)).status).toBe(404);
    expect(await canAttach(e.id, op)).toBe(true);
    expect((await upload(e.id, op)).status).toBe(201);
    expect(await fileCount(e.id)).toBe(1);
  });

  it('lets the lead unit handle with files, another unit only while it co-handles; the step evidence goes with its step', async () => {
    const e = await report();
    // Before dispatch no unit leads it: the handler has nothing to do with it.
    expect((await upload(e.id, handler)).status).toBe(403);
    await act(e.id, { action: 'accept' });
    await act(e.id, { action: 'dispatch', unitId: units.justice });
    expect(await canAttach(e.id, handler)).toBe(true);
    expect((await upload(e.id, handler)).status).toBe(201);
    expect(await canAttach(e.id, police)).toBe(false);
    expect((await upload(e.id, police)).status).toBe(403);

    await act(e.id, { action: 'start' }, handler);
    const task = await t.api('POST', `/api/events/${e.id}/co-handlers`, {
      token: handler,
      body: { unitId: units.police, task: '派员到场固定证据', workingDays: 2 },
    });
    expect(task.status).toBe(201);
    expect(await canAttach(e.id, police)).toBe(true);
    expect((await upload(e.id, police)).status).toBe(201);
    const done = await t.api('POST', `/api/events/${e.id}/co-handlers/${task.body.id}/feedback`, {
      token: police,
      body: { feedback: '已到场固定证据' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await upload(e.id, police)).status).toBe(403);

    // Fed back: the event is the centre's again, but the handler's photo of the result goes with its feedback step.
    await act(e.id, { action: 'feedback', note: '已调解' }, handler);
    expect(await canAttach(e.id, handler)).toBe(false);
    expect((await upload(e.id, handler)).status).toBe(409);
    const feedback = await lastStep(e.id, 'feedback');
    expect((await upload(e.id, handler, feedback)).status).toBe(201);
    // Not a step of its own: the operator's accept step is no ticket for the handler.
    expect((await upload(e.id, handler, await lastStep(e.id, 'accept'))).status).toBe(409);
    t.clock.advance(31 * 60_000);
    expect((await upload(e.id, handler, feedback)).status).toBe(409);
  });

  it('takes no files on a closed event, except the closing operator attaching to the close step just taken', async () => {
    const e = await report();
    await act(e.id, { action: 'accept' });
    await act(e.id, { action: 'dispatch', unitId: units.justice });
    await act(e.id, { action: 'start' }, handler);
    await act(e.id, { action: 'feedback', note: '已处理' }, handler);
    await act(e.id, { action: 'verify' });
    await act(e.id, { action: 'close' });
    const before = await fileCount(e.id);
    expect(await canAttach(e.id, op)).toBe(false);
    expect((await upload(e.id, op)).status).toBe(409);
    expect((await upload(e.id, handler)).status).toBe(409);
    expect((await upload(e.id, leader)).status).toBe(403);
    const close = await lastStep(e.id, 'close');
    expect((await upload(e.id, leader, close)).status).toBe(403);
    expect((await upload(e.id, handler, close)).status).toBe(409);
    expect((await upload(e.id, op, close)).status).toBe(201);
    expect(await fileCount(e.id)).toBe(before + 1);
    // The resident's code takes no photo on a closed event either.
    const f = form();
    expect(
      (await t.api('POST', `/api/track/${e.trackingCode}/attachments`, { body: f.body, headers: f.headers })).status,
    ).toBe(409);
  });

  it('takes no files on a merged duplicate', async () => {
    const original = await report('0403');
    const dup = await report('0403');
    const merged = await t.api('POST', `/api/events/${dup.id}/merge`, {
      token: op,
      body: { intoId: original.id, note: '同一问题' },
    });
    expect(merged.status).toBe(200);
    expect(await canAttach(dup.id, op)).toBe(false);
    expect((await upload(dup.id, op)).status).toBe(409);
    expect(await canAttach(original.id, op)).toBe(true);
  });
});

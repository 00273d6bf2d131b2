import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstGridCentre } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(3000)]);
const JPEG = (size = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(size - 4)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const zip = (...names: string[]) =>
  Buffer.concat(
    names.map((n) =>
      Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04]),
        Buffer.alloc(26),
        Buffer.from(n, 'latin1'),
        crypto.randomBytes(40),
      ]),
    ),
  );
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), crypto.randomBytes(500)]);

/** A multipart/form-data body with text fields and files. */
function form(
  parts: Array<{ name: string; value: string } | { name: string; fileName: string; type: string; data: Buffer }>,
) {
  const boundary = `----fq${crypto.randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('data' in p) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`,
        ),
        p.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const file = (data: Buffer, fileName = '现场照片.png', type = 'image/png') =>
  form([{ name: 'file', fileName, type, data }]);

describe(`event attachments: stored on disk, checked by content, scoped (${backend})`, () => {
  let t: TestApp;
  let dataDir: string;
  let op: string;
  let gaotai: string;
  let event: { id: string; trackingCode: string };
  beforeAll(async () => {
    // A temporary DATA_DIR on both back ends: the bytes never land in the repository.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fq-attachments-'));
    t = await startTestApp({ now: '2026-11-26T02:00:00Z', env: { DATA_DIR: dataDir } });
    op = await t.login('demo-ganzhou');
    gaotai = await t.login('demo-gaotai');
    event = await report();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function report() {
    const g = await firstGridCentre(t, '620702');
    const r = await t.api('POST', '/api/events', {
      token: op,
      body: {
        categoryCode: '0102',
        description: '楼道堆放杂物,存在消防隐患',
        location: { lng: g.lng, lat: g.lat },
      },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; trackingCode: string };
  }
  const upload = (eventId: string, f: { body: Buffer; headers: Record<string, string> }, token = op) =>
    t.api('POST', `/api/events/${eventId}/attachments`, { token, body: f.body, headers: f.headers });
  const storedFiles = () =>
    fs.existsSync(path.join(dataDir, 'attachments'))
      ? fs
          .readdirSync(path.join(dataDir, 'attachments'), { recursive: true, withFileTypes: true })
          .filter((d) => d.isFile()).length
      : 0;

  it('stores a PNG under DATA_DIR/attachments/<yyyy>/<mm>/<uuid> and gives the same bytes back', async () => {
    const r = await upload(event.id, file(PNG));
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: expect.any(String),
      fileName: '现场照片.png',
      mime: 'image/png',
      size: PNG.length,
      createdAt: '2026-11-26T02:00:00.000Z',
    });
    const row = await t.runtime.database.db
      .selectFrom('event_attachment')
      .selectAll()
      .where('id', '=', r.body.id)
      .executeTakeFirstOrThrow();
    expect(row.storage_key).toBe(`2026/11/${r.body.id}`);
    expect(row.sha256).toBe(crypto.createHash('sha256').update(PNG).digest('hex'));
    expect(row.county_code).toBe('620702');
    expect(fs.readFileSync(path.join(dataDir, 'attachments', row.storage_key)).equals(PNG)).toBe(true);

    const res = await t.runtime.app.inject({
      method: 'GET',
      url: `/api/events/${event.id}/attachments/${r.body.id}`,
      headers: { authorization: `Bearer ${op}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    const list = await t.api('GET', `/api/events/${event.id}/attachments`, { token: op });
    expect(list.body.items).toEqual([r.body]);
    expect((await t.runtime.services.attachments.listFor(event.id)).map((a) => a.id)).toEqual([r.body.id]);
    const audit = await t.runtime.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name', 'area_code'])
      .where('entity_id', '=', r.body.id)
      .execute();
    expect(audit).toEqual([
      { action: 'event.attachment', actor_name: 'demo-ganzhou', area_code: expect.stringMatching(/^620702\d{9}$/) },
    ]);
  });

  it('accepts PDF and Word documents, and judges by content rather than name or Content-Type', async () => {
    expect((await upload(event.id, file(PDF, '调解协议.pdf', 'application/octet-stream'))).body.mime).toBe(
      'application/pdf',
    );
    const docx = await upload(
      event.id,
      file(zip('[Content_Types].xml', 'word/document.xml'), '笔录.docx', 'application/zip'),
    );
    expect(docx.status).toBe(201);
    expect(docx.body.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // A JPEG sent as "photo.png" is stored as what it is.
    expect((await upload(event.id, file(JPEG(), 'photo.png', 'image/png'))).body.mime).toBe('image/jpeg');
    // Folders and control characters are stripped from the name.
    expect((await upload(event.id, file(PNG, '..\\..\\etc/pass\u0001wd.png'))).body.fileName).toBe('passwd.png');
  });

  it('refuses an .exe renamed .png, a plain zip, an empty file and a missing file with 422 and a field message', async () => {
    const before = storedFiles();
    const rows = async () => (await t.runtime.services.attachments.listFor(event.id)).length;
    const n = await rows();
    for (const [data, name] of [
      [EXE, 'photo.png'],
      [zip('[Content_Types].xml', 'xl/workbook.xml'), 'sheet.docx'],
      [Buffer.alloc(0), 'empty.png'],
    ] as const) {
      const r = await upload(event.id, file(data, name));
      expect(r.status, name).toBe(422);
      expect(r.body.error.fields).toEqual([{ path: 'file', message: expect.any(String) }]);
    }
    const f = file(EXE, 'photo.png');
    const exe = await t.api('POST', `/api/events/${event.id}/attachments`, {
      token: op,
      body: f.body,
      headers: { ...f.headers, 'accept-language': 'en' },
    });
    expect(exe.body.error.fields[0].message).toMatch(/Unsupported file type/);
    const noFile = await upload(event.id, form([{ name: 'note', value: 'x' }]));
    expect(noFile.status).toBe(422);
    expect(noFile.body.error.fields[0].path).toBe('file');
    expect(
      (await t.api('POST', `/api/events/${event.id}/attachments`, { token: op, body: { file: 'x' } })).status,
    ).toBe(422);
    expect(storedFiles()).toBe(before);
    expect(await rows()).toBe(n);
  });

  it('refuses a file over 10 MB with 413 and a field message', async () => {
    const before = storedFiles();
    const r = await upload(event.id, file(JPEG(10 * 1024 * 1024 + 1), 'big.jpg', 'image/jpeg'));
    expect(r.status).toBe(413);
    expect(r.body.error).toMatchObject({
      id: 'payload_too_large',
      fields: [{ path: 'file', message: expect.stringContaining('10') }],
    });
    expect((await upload(event.id, file(JPEG(10 * 1024 * 1024), 'just-fits.jpg', 'image/jpeg'))).status).toBe(201);
    expect(storedFiles()).toBe(before + 1);
  });

  it('ties an attachment to a step of the timeline, and refuses a step of another event', async () => {
    const step = await t.runtime.database.db
      .selectFrom('event_transition')
      .select('id')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    const ok = await upload(
      event.id,
      form([
        { name: 'transitionId', value: String(step.id) },
        { name: 'file', fileName: 'a.png', type: 'image/png', data: PNG },
      ]),
    );
    expect(ok.status).toBe(201);
    expect(
      (
        await t.runtime.database.db
          .selectFrom('event_attachment')
          .select('transition_id')
          .where('id', '=', ok.body.id)
          .executeTakeFirstOrThrow()
      ).transition_id?.toString(),
    ).toBe(String(step.id));
    // The event page shows it on that step of the timeline.
    const timeline = (await t.api('GET', `/api/events/${event.id}`, { token: op })).body.timeline as Array<{
      id: string;
      attachments: Array<{ id: string }>;
    }>;
    expect(timeline.find((s) => s.id === String(step.id))?.attachments).toEqual([
      { id: ok.body.id, fileName: 'a.png' },
    ]);
    const other = await report();
    const otherStep = await t.runtime.database.db
      .selectFrom('event_transition')
      .select('id')
      .where('event_id', '=', other.id)
      .executeTakeFirstOrThrow();
    for (const bad of [String(otherStep.id), 'abc']) {
      const r = await upload(
        event.id,
        form([
          { name: 'transitionId', value: bad },
          { name: 'file', fileName: 'a.png', type: 'image/png', data: PNG },
        ]),
      );
      expect(r.status).toBe(422);
      expect(r.body.error.fields).toEqual([{ path: 'transitionId', message: expect.any(String) }]);
    }
  });

  it('answers 404 outside the scope, for an unknown attachment, and 401 without a session', async () => {
    const mine = (await upload(event.id, file(PNG))).body;
    expect((await upload(event.id, file(PNG), gaotai)).status).toBe(404);
    expect((await t.api('GET', `/api/events/${event.id}/attachments`, { token: gaotai })).status).toBe(404);
    expect((await t.api('GET', `/api/events/${event.id}/attachments/${mine.id}`, { token: gaotai })).status).toBe(404);
    expect(
      (await t.api('GET', `/api/events/${event.id}/attachments/${crypto.randomUUID()}`, { token: op })).status,
    ).toBe(404);
    const other = await report();
    expect((await t.api('GET', `/api/events/${other.id}/attachments/${mine.id}`, { token: op })).status).toBe(404);
    const anonymous = file(PNG);
    expect(
      (await t.api('POST', `/api/events/${event.id}/attachments`, { body: anonymous.body, headers: anonymous.headers }))
        .status,
    ).toBe(401);
    expect((await t.api('GET', `/api/events/${event.id}/attachments/${mine.id}`)).status).toBe(401);
  });

  it('lets a resident add photos through the tracking code: images only, 5 MB, 3 per event, within 24 hours', async () => {
    const e = await report();
    const pub = (f: { body: Buffer; headers: Record<string, string> }, code = e.trackingCode) =>
      t.api('POST', `/api/track/${code}/attachments`, { body: f.body, headers: f.headers });
    const first = await pub(file(JPEG(), '照片.jpg', 'image/jpeg'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fileName: '照片.jpg', mime: 'image/jpeg' });
    const row = await t.runtime.database.db
      .selectFrom('event_attachment')
      .select(['created_by', 'event_id'])
      .where('id', '=', first.body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by: null, event_id: e.id });
    expect((await pub(file(PDF, 'a.pdf', 'application/pdf'))).status).toBe(422);
    const big = await pub(file(JPEG(5 * 1024 * 1024 + 1), 'big.jpg', 'image/jpeg'));
    expect(big.status).toBe(413);
    expect(big.body.error.fields[0]).toEqual({ path: 'file', message: expect.stringContaining('5') });
    expect((await pub(file(PNG))).status).toBe(201);
    expect((await pub(file(PNG))).status).toBe(201);
    const fourth = await pub(file(PNG));
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.message).toContain('3');
    // Staff uploads do not count against the residents' limit.
    expect((await upload(e.id, file(PNG))).status).toBe(201);
    expect((await pub(file(PNG), 'ZZZZZZZZZZ')).status).toBe(404);

    const later = await report();
    t.clock.advance(25 * 3_600_000);
    try {
      expect((await pub(file(PNG), later.trackingCode)).status).toBe(409);
    } finally {
      t.clock.advance(-25 * 3_600_000);
    }
  });
});

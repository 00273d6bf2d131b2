import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCounty, createUser } from '../../../tests/helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../../../tests/helpers/harness.js';
import { creditCheckChar, makeCreditCode } from '../../kernel/credit-code.js';
import { makeIdNumber } from '../../kernel/id-number.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEAD = ['姓名', '身份证号', '民族', '联系电话', '户籍类型', '网格编码', '户号', '与户主关系', '地址'];

async function xlsx(rows: Array<Array<string | number>>, head = HEAD): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sheets(data: Buffer): Promise<string[][][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const out: string[][] = [];
    ws.eachRow((r) =>
      out.push(Array.from((r.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))),
    );
    return out;
  });
}
const firstSheet = async (data: Buffer) => (await sheets(data))[0]!;

/** A valid ID number whose check character is a digit, not X. */
function digitId(region: string, birthDate: string, from: number): string {
  for (let seq = from; ; seq++) {
    const id = makeIdNumber(region, birthDate, seq);
    if (/\d$/.test(id)) return id;
  }
}

/** A check digit that is not the right one. */
const wrongCheck = (id: string) => `${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`;

describe(`registry import and export (${backend})`, () => {
  let t: TestApp;
  let admin: string;
  let gaotaiGrid: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('demo-city');
    gaotaiGrid = (
      await t.runtime.database.db
        .selectFrom('area')
        .select('code')
        .where('level', '=', 'grid')
        .where('code', 'like', '620724%')
        .executeTakeFirstOrThrow()
    ).code;
  });
  afterAll(() => t.close());

  const db = () => t.runtime.database.db;
  const post = (url: string, body: Buffer, token: string, type = XLSX) =>
    t.runtime.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
    });
  const get = (url: string, token?: string) =>
    t.runtime.app.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const peopleIn = async (county: string) =>
    Number(
      (
        await db()
          .selectFrom('person')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('county_code', '=', county)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sumsUp = (r: { received: number; inserted: number; unchanged: number; rejected: number; skipped: number }) =>
    expect(r.inserted + r.unchanged + r.rejected + r.skipped).toBe(r.received);

  it('dry run reports exactly the bad rows, all_or_nothing writes nothing, valid_only writes the good rows, and a re-import is idempotent', async () => {
    const c = await createTestCounty(t);
    const op = await createUser(t, ['operator'], c.county);
    const good1 = makeIdNumber('620702', '1980-01-02', 11);
    const good2 = makeIdNumber('620702', '1985-03-04', 12);
    const file = await xlsx([
      ['赵一', good1, '汉族', '13900000001', '户籍', c.grids[0], 'T-001', '户主', '测试村1号'], // row 2
      ['钱二', good2, '回族', '', '流动', c.grids[0], 'T-001', '配偶', ''], // row 3
      ['孙三', wrongCheck(makeIdNumber('620702', '1970-01-01', 15)), '汉族', '12345', '户籍', c.grids[0], '', '', ''], // row 4: bad ID, bad phone
      ['李四', makeIdNumber('620702', '1990-05-06', 13), '汉族', '', '户籍', gaotaiGrid, '', '', ''], // row 5: grid outside scope
      ['周五', good1, '汉族', '', '户籍', c.grids[1], '', '', ''], // row 6: duplicate of row 2
      ['', makeIdNumber('620702', '1991-05-06', 14), '汉族', '', '外星', c.grids[0], '', '', ''], // row 7: no name, bad enum
      ['吴六', makeIdNumber('620702', '1992-05-06', 16), '汉族', '', '境外', `${c.village}009`, '', '', ''], // row 8: no such grid
      ['郑七', makeIdNumber('620702', '1993-05-06', 17), '', '0931-8123456', '户籍', c.grids[1], '', '', ''], // row 9: good, landline
    ]);
    const sha256 = crypto.createHash('sha256').update(file).digest('hex');
    const expectedErrors = [
      { row: 4, column: '身份证号', message: '身份证号校验位错误,请核对号码' },
      { row: 4, column: '联系电话', message: '手机号格式不正确' },
      { row: 5, column: '网格编码', message: '网格不存在、已撤销或不在您的管辖范围内' },
      { row: 6, column: '身份证号', message: '与本文件第 2 行重复' },
      { row: 7, column: '姓名', message: '此项为必填项' },
      { row: 7, column: '户籍类型', message: '取值不在可选范围内,请按模板说明填写' },
      { row: 8, column: '网格编码', message: '网格不存在、已撤销或不在您的管辖范围内' },
    ];

    const dry = await post('/api/import/people?dryRun=true', file, op.token);
    expect(dry.statusCode).toBe(200);
    const d = dry.json();
    expect(d).toMatchObject({
      received: 8,
      valid: 3,
      inserted: 0,
      unchanged: 0,
      rejected: 5,
      skipped: 3,
      committed: false,
    });
    expect(d.errors).toEqual(expectedErrors);
    expect(d.reportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(d.reportUrl).toBe(`/api/import/reports/${d.reportId}.xlsx`);
    expect(await peopleIn(c.county)).toBe(0);
    expect(await db().selectFrom('household').select('id').where('county_code', '=', c.county).execute()).toEqual([]);

    // The error report: the rejected rows as they were, with an 错误说明 column.
    const report = await get(d.reportUrl, op.token);
    expect(report.statusCode).toBe(200);
    const reportRows = await firstSheet(report.rawPayload);
    expect(reportRows[0]).toEqual(['原行号', ...HEAD, '错误说明']);
    expect(reportRows.slice(1).map((r) => r[0])).toEqual(['4', '5', '6', '7', '8']);
    expect(reportRows[1]!.at(-1)).toBe('身份证号:身份证号校验位错误,请核对号码;联系电话:手机号格式不正确');
    expect(reportRows[3]![1]).toBe('周五');
    // Only its author downloads it; at rest the rows are encrypted.
    expect((await get(d.reportUrl, admin)).statusCode).toBe(404);
    const stored = await db()
      .selectFrom('import_job')
      .select('rejected')
      .where('id', '=', d.reportId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.rejected)).not.toContain(good1.slice(0, 14));
    expect(JSON.stringify(stored.rejected)).not.toContain('孙三');

    const none = (await post('/api/import/people?dryRun=false&mode=all_or_nothing', file, op.token)).json();
    expect(none).toMatchObject({ received: 8, inserted: 0, unchanged: 0, rejected: 5, skipped: 3, committed: false });
    expect(none.errors).toEqual(expectedErrors);
    expect(await peopleIn(c.county)).toBe(0);

    const real = (await post('/api/import/people?dryRun=false&mode=valid_only', file, op.token)).json();
    expect(real).toMatchObject({
      received: 8,
      valid: 3,
      inserted: 3,
      unchanged: 0,
      rejected: 5,
      skipped: 0,
      committed: true,
    });
    expect(real.errors).toEqual(expectedErrors);
    sumsUp(real);
    expect(await peopleIn(c.county)).toBe(3);
    const household = await db()
      .selectFrom('household')
      .select(['id', 'head_person_id', 'grid_code', 'address'])
      .where('number', '=', 'T-001')
      .where('county_code', '=', c.county)
      .executeTakeFirstOrThrow();
    expect(household).toMatchObject({ grid_code: c.grids[0], address: '测试村1号' });
    const members = await db()
      .selectFrom('person')
      .select(['id', 'name', 'relation_to_head', 'ethnicity'])
      .where('household_id', '=', household.id)
      .orderBy('name')
      .execute();
    expect(members.map((m) => m.name).sort()).toEqual(['赵一', '钱二'].sort());
    expect(household.head_person_id).toBe(members.find((m) => m.name === '赵一')!.id);
    // First versions for every new record; one audit entry for the import, with the counts and the file's hash.
    const versions = await db()
      .selectFrom('element_version')
      .select(['element_type', 'action'])
      .where('county_code', '=', c.county)
      .execute();
    expect(versions.filter((v) => v.element_type === 'person')).toHaveLength(3);
    expect(versions.filter((v) => v.element_type === 'household')).toHaveLength(1);
    expect(new Set(versions.map((v) => v.action))).toEqual(new Set(['import']));
    const audits = await db()
      .selectFrom('audit_log')
      .select(['after', 'actor_name'])
      .where('action', '=', 'registry.import')
      .where('actor_name', '=', op.username)
      .orderBy('id')
      .execute();
    expect(audits).toHaveLength(2); // the refused all_or_nothing attempt and this one; dry runs are not imports
    expect(audits[1]!.after).toMatchObject({
      element: 'people',
      fileSha256: sha256,
      received: 8,
      inserted: 3,
      unchanged: 0,
      rejected: 5,
      committed: true,
    });

    const again = (await post('/api/import/people?dryRun=false', file, op.token)).json();
    expect(again).toMatchObject({ received: 8, inserted: 0, unchanged: 3, rejected: 5, skipped: 0 });
    expect(await peopleIn(c.county)).toBe(3);
    expect(await db().selectFrom('household').select('id').where('county_code', '=', c.county).execute()).toHaveLength(
      1,
    );

    // A dry run of the same file now predicts what a real import would do.
    expect((await post('/api/import/people?dryRun=true', file, op.token)).json()).toMatchObject({
      inserted: 0,
      unchanged: 3,
      skipped: 0,
      rejected: 5,
    });

    // A clean file in all_or_nothing mode goes in whole.
    const clean = await xlsx([
      ['王八', makeIdNumber('620702', '1994-05-06', 18), '汉族', '', '户籍', c.grids[1], 'T-001', '子', ''],
    ]);
    const badClean = (await post('/api/import/people?dryRun=false&mode=all_or_nothing', clean, op.token)).json();
    // T-001 lives in grid 1; a member cannot be put into it from grid 2.
    expect(badClean.errors).toEqual([
      { row: 2, column: '户号', message: '该户号已在其他网格登记,请核对户号或网格编码' },
    ]);
    const clean2 = await xlsx([
      ['王八', makeIdNumber('620702', '1994-05-06', 18), '汉族', '', '户籍', c.grids[0], 'T-001', '子', ''],
    ]);
    expect((await post('/api/import/people?dryRun=false&mode=all_or_nothing', clean2, op.token)).json()).toMatchObject({
      inserted: 1,
      rejected: 0,
      committed: true,
    });
    expect(
      await db().selectFrom('person').select('id').where('household_id', '=', household.id).execute(),
    ).toHaveLength(3);
  });

  it('checks households: one grid and one head per household, an address for a new one, no relation without a number', async () => {
    const c = await createTestCounty(t);
    const id = (n: number) => makeIdNumber('620702', '1960-01-01', 100 + n);
    const file = await xlsx([
      ['甲', id(1), '汉族', '', '户籍', c.grids[0], 'H-1', '户主', '一号'], // 2 ok
      ['乙', id(2), '汉族', '', '户籍', c.grids[1], 'H-1', '配偶', ''], // 3 other grid
      ['丙', id(3), '汉族', '', '户籍', c.grids[0], 'H-1', '户主', ''], // 4 second head
      ['丁', id(4), '汉族', '', '户籍', c.grids[0], '', '子', ''], // 5 relation without household
      ['戊', id(5), '汉族', '', '户籍', c.grids[0], 'H-2', '户主', ''], // 6 new household without address
      ['己', id(6), '汉族', '', '户籍', c.grids[0], '0001', '户主', '二号'], // 7 ok
    ]);
    const r = (await post('/api/import/people?dryRun=false', file, admin)).json();
    expect(r.errors).toEqual([
      { row: 3, column: '户号', message: '同一户的人员网格编码应一致(与第 2 行不同)' },
      { row: 4, column: '与户主关系', message: '同一户只能有一位户主(第 2 行已是户主)' },
      { row: 5, column: '与户主关系', message: '填写与户主关系时须同时填写户号' },
      { row: 6, column: '地址', message: '新建户时须填写地址' },
    ]);
    expect(r).toMatchObject({ received: 6, inserted: 2, rejected: 4 });
    const households = await db()
      .selectFrom('household')
      .select(['number', 'head_person_id'])
      .where('county_code', '=', c.county)
      .orderBy('number')
      .execute();
    expect(households.map((h) => h.number)).toEqual(['0001', 'H-1']);
    expect(households.every((h) => h.head_person_id !== null)).toBe(true);
    // The household has a head now: another 户主 is refused.
    const second = await xlsx([['庚', id(7), '汉族', '', '户籍', c.grids[0], 'H-1', '户主', '']]);
    expect((await post('/api/import/people?dryRun=true', second, admin)).json().errors).toEqual([
      { row: 2, column: '与户主关系', message: '该户已有户主' },
    ]);
  });

  it('imports CSV (UTF-8 or GBK) keeping every digit, and refuses grids outside the importer scope', async () => {
    const c = await createTestCounty(t);
    // IDs ending in a digit: a CSV reader that turned them into numbers would lose the last digits.
    const ids = [digitId('620724', '1970-07-07', 20), digitId('620724', '1971-07-07', 40)];
    const csv = `\uFEFF${HEAD.join(',')}\r\n吴六,${ids[0]},汉族,13900000002,户籍,${c.grids[0]},0007,户主,"测试村,7号"\r\n`;
    const gaotai = await t.login('demo-gaotai');
    const outside = (await post('/api/import/people?dryRun=false', Buffer.from(csv), gaotai, 'text/csv')).json();
    expect(outside).toMatchObject({ received: 1, inserted: 0, rejected: 1 });
    expect(outside.errors).toEqual([{ row: 2, column: '网格编码', message: '网格不存在、已撤销或不在您的管辖范围内' }]);

    const ok = (
      await post('/api/import/people?dryRun=false', Buffer.from(csv), admin, 'text/csv; charset=utf-8')
    ).json();
    expect(ok).toMatchObject({ received: 1, inserted: 1, rejected: 0 });
    const hh = await db()
      .selectFrom('household')
      .select(['number', 'address'])
      .where('county_code', '=', c.county)
      .executeTakeFirstOrThrow();
    expect(hh).toEqual({ number: '0007', address: '测试村,7号' });
    const found = await t.api('GET', `/api/people?q=${ids[0]}`, { token: admin });
    expect(found.body.items.map((p: { name: string; idNumberMasked: string }) => [p.name, p.idNumberMasked])).toEqual([
      ['吴六', `6207**********${ids[0]!.slice(-4)}`],
    ]);

    // Excel on a Chinese system saves CSV as GBK (GB 18030).
    const gbkText = `姓名,身份证号,户籍类型,网格编码\r\n郑八,${ids[1]},流动,${c.grids[1]}\r\n`;
    const gbk = Buffer.from(new Uint8Array([...gbkText].flatMap((ch) => [...encodeGb18030(ch)])));
    const r = (await post('/api/import/people?dryRun=false', gbk, admin, 'text/csv')).json();
    expect(r).toMatchObject({ received: 1, inserted: 1, rejected: 0 });
    expect(
      (await db().selectFrom('person').select('name').where('grid_code', '=', c.grids[1]).executeTakeFirstOrThrow())
        .name,
    ).toBe('郑八');
  });

  it('explains an ID number that Excel stored as a number, and rejects a file without a required column', async () => {
    const c = await createTestCounty(t);
    const id = makeIdNumber('620702', '1980-01-02', 31);
    const numeric = await xlsx([
      [
        '数字',
        Number(id.slice(0, 17) + (id[17] === 'X' ? '0' : id[17])),
        '汉族',
        13900000003,
        '户籍',
        c.grids[0],
        '',
        '',
        '',
      ],
    ]);
    const r = (await post('/api/import/people?dryRun=true', numeric, admin)).json();
    expect(r.errors).toEqual([
      { row: 2, column: '身份证号', message: '数字位数过多,Excel 已截断末尾数字,请将该列设为文本格式后重新填写' },
    ]);

    const noName = await xlsx(
      [[makeIdNumber('620702', '1980-01-02', 32), '户籍', c.grids[0]]],
      ['身份证号', '户籍类型(户籍/流动/境外)', '网格编码'],
    );
    const m = (await post('/api/import/people?dryRun=false', noName, admin)).json();
    expect(m).toMatchObject({ received: 1, inserted: 0, rejected: 1, skipped: 0, committed: true });
    expect(m.errors).toEqual([{ row: 1, column: '姓名', message: '缺少必填列,请使用导入模板' }]);
    expect(await peopleIn(c.county)).toBe(0);

    expect((await post('/api/import/people?dryRun=true', Buffer.from('not a zip'), admin)).json()).toMatchObject({
      error: { id: 'validation_failed', message: '无法读取文件,请上传 .xlsx 文件或 UTF-8/GBK 编码的 .csv 文件' },
    });
    expect((await t.api('POST', '/api/import/people', { token: admin, body: { rows: [] } })).status).toBe(415);
    const leader = await t.login('demo-leader');
    expect((await post('/api/import/people?dryRun=true', numeric, leader)).statusCode).toBe(403);
  });

  it('imports houses (grid + address) and organisations (credit code, else grid + name + address) idempotently', async () => {
    const c = await createTestCounty(t);
    const houses = await xlsx(
      [
        ['测试村1号', c.grids[0], c.x + 0.001, 30.001, '住宅', '出租', 2, '张三'],
        ['测试村2号', c.grids[0], '', '', '商业', '', '', ''],
        ['测试村1号', c.grids[0], '', '', '住宅', '', '', ''], // same house twice
        ['测试村3号', c.grids[1], '', '', '宫殿', '', 500, ''],
      ],
      ['地址', '网格编码', '经度', '纬度', '用途', '居住状态', '层数', '产权人'],
    );
    const h = (await post('/api/import/houses?dryRun=false', houses, admin)).json();
    expect(h).toMatchObject({ received: 4, inserted: 2, unchanged: 0, rejected: 2 });
    expect(h.errors).toEqual([
      { row: 4, column: '地址', message: '与本文件第 2 行重复' },
      { row: 5, column: '用途', message: '取值不在可选范围内,请按模板说明填写' },
      { row: 5, column: '层数', message: '应为数字且在有效范围内' },
    ]);
    expect((await post('/api/import/houses?dryRun=false', houses, admin)).json()).toMatchObject({
      inserted: 0,
      unchanged: 2,
      rejected: 2,
    });
    const rows = await db()
      .selectFrom('house')
      .select(['address', 'rental_status', 'floors', 'owner_name'])
      .where('county_code', '=', c.county)
      .orderBy('address')
      .execute();
    expect(rows).toEqual([
      { address: '测试村1号', rental_status: 'rented', floors: 2, owner_name: '张三' },
      { address: '测试村2号', rental_status: 'owner_occupied', floors: null, owner_name: null },
    ]);

    const code = makeCreditCode(
      '91',
      c.county,
      `MA${crypto
        .randomBytes(3)
        .toString('hex')
        .toUpperCase()
        .replace(/[IOSVZ]/g, 'A')}0`,
    );
    const badCode = `${code.slice(0, 17)}${creditCheckChar(code.slice(0, 17)) === '1' ? '2' : '1'}`;
    const orgs = await xlsx(
      [
        ['某某科技有限公司', '企业', code, '测试村8号', c.grids[0], '李四', '13900000004', 25],
        ['测试村老年协会', '社会组织', '', '测试村9号', c.grids[1], '', '', ''],
        ['坏代码公司', '企业', badCode, '测试村10号', c.grids[0], '', '', ''],
        ['重复公司', '企业', code, '测试村11号', c.grids[0], '', '', ''],
      ],
      ['名称', '类型', '统一社会信用代码', '地址', '网格编码', '联系人', '联系电话', '从业人数'],
    );
    const o = (await post('/api/import/organizations?dryRun=false', orgs, admin)).json();
    expect(o).toMatchObject({ received: 4, inserted: 2, rejected: 2 });
    expect(o.errors).toEqual([
      { row: 4, column: '统一社会信用代码', message: '统一社会信用代码校验位错误' },
      { row: 5, column: '统一社会信用代码', message: '与本文件第 2 行重复' },
    ]);
    expect((await post('/api/import/organizations?dryRun=false', orgs, admin)).json()).toMatchObject({
      inserted: 0,
      unchanged: 2,
      rejected: 2,
    });
    const versions = await db()
      .selectFrom('element_version')
      .select('element_type')
      .where('county_code', '=', c.county)
      .execute();
    expect(versions.map((v) => v.element_type).sort()).toEqual(['house', 'house', 'organization', 'organization']);
    // Registered in another operator's county: not "unchanged" for someone who cannot see it.
    const gaotai = await t.login('demo-gaotai');
    const elsewhere = await xlsx(
      [['某某科技有限公司', '企业', code, '高台某地', gaotaiGrid, '', '', '']],
      ['名称', '类型', '统一社会信用代码', '地址', '网格编码', '联系人', '联系电话', '从业人数'],
    );
    expect((await post('/api/import/organizations?dryRun=true', elsewhere, gaotai)).json().errors).toEqual([
      { row: 2, column: '统一社会信用代码', message: '该统一社会信用代码已登记' },
    ]);
  });

  it('imports places and things, placing each in the grid containing its point', async () => {
    const c = await createTestCounty(t);
    const file = await xlsx(
      [
        ['监控', 'street', '东口监控', c.x + 0.007, 30.002, '正常'],
        ['监控', 'rocket', '坏子类', c.x + 0.001, 30.002, ''],
        ['隐患', 'fire', '界外隐患', c.x + 0.5, 30.002, '整改中'],
      ],
      ['类别', '子类', '名称', '经度', '纬度', '状态'],
    );
    const r = (await post('/api/import/things?dryRun=false', file, admin)).json();
    expect(r).toMatchObject({ received: 3, inserted: 1, rejected: 2 });
    expect(r.errors).toEqual([
      { row: 3, column: '子类', message: '未知的部件类别' },
      { row: 4, column: '经度', message: '该位置不在您管辖的任何网格内' },
    ]);
    const list = await t.api('GET', `/api/things?areaCode=${c.county}&kind=camera`, { token: admin });
    expect(list.body.items).toEqual([expect.objectContaining({ name: '东口监控', gridCode: c.grids[1] })]);
    expect((await post('/api/import/things?dryRun=false', file, admin)).json()).toMatchObject({
      inserted: 0,
      unchanged: 1,
    });
  });

  it('serves templates that open in Excel, with the headers, an example row and a notes sheet', async () => {
    const r = await get('/api/import/templates/people.xlsx');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    const [data, notes] = await sheets(r.rawPayload);
    expect(data![0]).toEqual(HEAD);
    expect(data![1]![0]).toBe('张三');
    expect(notes![0]).toEqual(['列', '必填', '说明']);
    expect(notes!.find((n) => n[0] === '户籍类型')).toEqual(['户籍类型', '是', '户籍 / 流动 / 境外']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getColumn(2).numFmt).toBe('@'); // 身份证号 stays text in Excel
    for (const kind of ['houses', 'organizations', 'places', 'things']) {
      expect((await get(`/api/import/templates/${kind}.xlsx`)).statusCode).toBe(200);
    }
    expect((await firstSheet((await get('/api/import/templates/organizations.xlsx')).rawPayload))[0]).toContain(
      '统一社会信用代码',
    );
    expect((await get('/api/import/templates/nothing.xlsx')).statusCode).toBe(400);
  });

  it('exports masked by default, in full only with personal:read_full (audited), and only within scope', async () => {
    const c = await createTestCounty(t);
    const op = await createUser(t, ['operator'], c.county);
    const id = makeIdNumber('620702', '1966-02-03', 31);
    const created = await t.api('POST', '/api/people', {
      token: op.token,
      body: {
        name: '导出测试',
        idNumber: id,
        phone: '13911112222',
        registrationType: 'registered',
        gridCode: c.grids[0],
      },
    });
    expect(created.status).toBe(201);

    const masked = await get(`/api/export/people.xlsx?areaCode=${c.county}`, op.token);
    expect(masked.statusCode).toBe(200);
    expect(masked.headers['content-type']).toBe(XLSX);
    const rows = await firstSheet(masked.rawPayload);
    expect(rows[0]).toEqual([
      '姓名',
      '身份证号',
      '性别',
      '出生日期',
      '民族',
      '联系电话',
      '户籍类型',
      '网格编码',
      '户号',
      '与户主关系',
      '状态',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '导出测试',
        `6207**********${id.slice(-4)}`,
        '男',
        '1966-02-03',
        '汉族',
        '139****2222',
        '户籍',
        c.grids[0],
        '',
        '',
        '在册',
      ],
    ]);
    expect(rows.flat().join('|')).not.toContain(id);
    const maskedCsv = await get('/api/export/people.csv', op.token);
    expect(maskedCsv.body).not.toContain(id);
    expect(maskedCsv.body).not.toContain('13911112222');
    expect(maskedCsv.body.split('\r\n')[1]).toContain('导出测试');

    const leader = await t.login('demo-leader');
    expect((await get('/api/export/people.csv?full=true', leader)).statusCode).toBe(403);
    expect((await get('/api/export/people.csv', leader)).statusCode).toBe(200);
    const auditsBefore = (
      await db().selectFrom('audit_log').select('id').where('action', '=', 'personal.export').execute()
    ).length;
    const full = await get(`/api/export/people.csv?areaCode=${c.county}&full=true`, op.token);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain(id);
    expect(full.body).toContain('13911112222');
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_name', 'after'])
      .where('action', '=', 'personal.export')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(auditsBefore + 1);
    expect(audit.at(-1)).toMatchObject({
      entity_id: c.county,
      actor_name: op.username,
      after: { element: 'people', format: 'csv', full: true },
    });

    // Scope: an area outside it is not found; a wider one is narrowed to it.
    expect((await get('/api/export/people.csv?areaCode=620724', op.token)).statusCode).toBe(404);
    const gaotai = await t.login('demo-gaotai');
    const scoped = await get('/api/export/people.csv?areaCode=620700', gaotai);
    const lines = scoped.body.trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.every((l) => l.split(',')[7]!.startsWith('620724'))).toBe(true);
    expect(scoped.body).not.toContain(',620702');

    const houses = await firstSheet((await get(`/api/export/houses.xlsx?areaCode=620724`, gaotai)).rawPayload);
    expect(houses[0]).toEqual(['地址', '网格编码', '经度', '纬度', '用途', '居住状态', '层数', '产权人', '状态']);
    expect(houses.slice(1).every((r) => r[1]!.startsWith('620724'))).toBe(true);
    const orgs = await firstSheet((await get(`/api/export/organizations.xlsx`, gaotai)).rawPayload);
    expect(orgs[0]).toContain('统一社会信用代码');
  });

  it('exports at the pace of its reader: an unread export holds about one page, not the whole list', async () => {
    const { systemActor } = await import('../../lib/context.js');
    const stream = await t.runtime.services.exports.start(systemActor('test'), 'people', {
      format: 'csv',
      full: false,
    });
    await new Promise((r) => setTimeout(r, 1500));
    // 37k demo people are about 5 MB of CSV; a page of 5,000 rows well under 1 MB.
    const passThrough = stream as import('node:stream').PassThrough;
    expect(passThrough.readableLength + passThrough.writableLength).toBeLessThan(2_000_000);
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(bytes).toBeGreaterThan(4_000_000);
  });
});

/** GB 18030 bytes of one character (ASCII is itself), via the platform's decoder run backwards over the GBK range. */
const GBK = (() => {
  const table = new Map<string, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  return table;
})();
function encodeGb18030(ch: string): number[] {
  if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
  const bytes = GBK.get(ch);
  if (!bytes) throw new Error(`no GBK code for ${ch}`);
  return bytes;
}

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { createTestCounty } from '../helpers/factories.js';
import { backend, startTestApp, type TestApp } from '../helpers/harness.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEAD = ['姓名', '身份证号', '民族', '联系电话', '户籍类型', '网格编码', '户号', '与户主关系', '地址'];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据');
  ws.addRow(HEAD);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((r) => out.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

describe(`registry import and export (${backend})`, () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    token = await t.login('demo-city');
  });
  afterAll(() => t.close());

  const post = (url: string, body: Buffer, type = XLSX, tk = token) =>
    t.runtime.app.inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${tk}`, 'content-type': type } });

  it('dry-runs, reports bad rows exactly, imports the good ones, and is idempotent', async () => {
    const c = await createTestCounty(t);
    const good1 = makeIdNumber('620702', '1980-01-02', 11);
    const good2 = makeIdNumber('620702', '1985-03-04', 12);
    const badCheck = `${good1.slice(0, 17)}${good1[17] === '1' ? '2' : '1'}`;
    const file = await xlsx([
      ['赵一', good1, '汉族', '13900000001', '户籍', c.grids[0], 'T-001', '户主', '测试村1号'],
      ['钱二', good2, '回族', '', '流动', c.grids[1], 'T-001', '配偶', ''],
      ['孙三', badCheck, '汉族', '12345', '户籍', c.grids[0], '', '', ''],
      ['李四', makeIdNumber('620702', '1990-05-06', 13), '汉族', '', '户籍', `${c.village}009`, '', '', ''],
      ['周五', good1, '汉族', '', '户籍', c.grids[0], '', '', ''],
      ['', makeIdNumber('620702', '1991-05-06', 14), '汉族', '', '外星', c.grids[0], '', '', ''],
    ]);

    const dry = await post('/api/import/people?dryRun=true', file);
    expect(dry.statusCode).toBe(200);
    const d = dry.json();
    expect(d).toMatchObject({ received: 6, valid: 2, inserted: 0, rejected: 4 });
    expect(d.errors).toEqual([
      { row: 4, column: '身份证号', message: '身份证号校验位错误,请核对号码' },
      { row: 4, column: '联系电话', message: '手机号格式不正确' },
      { row: 5, column: '网格编码', message: '网格不存在、已撤销或不在您的管辖范围内' },
      { row: 6, column: '身份证号', message: '与本文件第 2 行重复' },
      { row: 7, column: '姓名', message: '此项为必填项' },
      { row: 7, column: '户籍类型', message: '取值不在可选范围内,请按模板说明填写' },
    ]);
    const count = async () => Number((await t.runtime.database.db.selectFrom('person').select((eb) => eb.fn.countAll().as('n')).where('county_code', '=', c.county).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(0);

    const report = await t.runtime.app.inject({ url: d.reportUrl, headers: { authorization: `Bearer ${token}` } });
    expect(report.statusCode).toBe(200);
    const reportRows = await readXlsx(report.rawPayload);
    expect(reportRows[0]).toEqual(['原行号', ...HEAD, '错误说明']);
    expect(reportRows.map((r) => r[0]).slice(1)).toEqual(['4', '5', '6', '7']);
    expect(reportRows[1]!.at(-1)).toContain('身份证号:身份证号校验位错误');

    const none = await post('/api/import/people?dryRun=false&mode=all_or_nothing', file);
    expect(none.json()).toMatchObject({ inserted: 0, rejected: 4 });
    expect(await count()).toBe(0);

    const real = await post('/api/import/people?dryRun=false', file);
    expect(real.json()).toMatchObject({ received: 6, inserted: 2, unchanged: 0, rejected: 4 });
    expect(await count()).toBe(2);
    const household = await t.runtime.database.db.selectFrom('household').select(['id', 'head_person_id', 'grid_code']).where('number', '=', 'T-001').where('county_code', '=', c.county).executeTakeFirstOrThrow();
    expect(household.head_person_id).not.toBeNull();
    const members = await t.runtime.database.db.selectFrom('person').select('name').where('household_id', '=', household.id).orderBy('name').execute();
    expect(members.map((m) => m.name).sort()).toEqual(['赵一', '钱二'].sort());

    const again = await post('/api/import/people?dryRun=false', file);
    expect(again.json()).toMatchObject({ inserted: 0, unchanged: 2, rejected: 4 });
    expect(await count()).toBe(2);
    const audit = await t.runtime.database.db.selectFrom('audit_log').select('after').where('action', '=', 'registry.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ element: 'people', inserted: 0, unchanged: 2 });
  });

  it('imports CSV too, and refuses rows in grids outside the importer scope', async () => {
    const c = await createTestCounty(t);
    const id = makeIdNumber('620724', '1970-07-07', 21);
    const csv = Buffer.from(`\uFEFF${HEAD.join(',')}\n吴六,${id},汉族,,户籍,${c.grids[0]},,,\n`);
    const gaotai = await t.login('demo-gaotai');
    const outside = await post('/api/import/people?dryRun=false', csv, 'text/csv', gaotai);
    expect(outside.json()).toMatchObject({ inserted: 0, rejected: 1 });
    const ok = await post('/api/import/people?dryRun=false', csv, 'text/csv');
    expect(ok.json()).toMatchObject({ inserted: 1, rejected: 0 });
  });

  it('imports places and things, placing each in the grid containing its point', async () => {
    const c = await createTestCounty(t);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['类别', '子类', '名称', '经度', '纬度', '状态']);
    ws.addRow(['监控', 'street', '东口监控', c.x + 0.007, 30.002, '正常']);
    ws.addRow(['监控', 'rocket', '坏子类', c.x + 0.001, 30.002, '']);
    ws.addRow(['隐患', 'fire', '界外隐患', c.x + 0.5, 30.002, '整改中']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const r = (await post('/api/import/things?dryRun=false', file)).json();
    expect(r).toMatchObject({ received: 3, inserted: 1, rejected: 2 });
    expect(r.errors).toEqual([
      { row: 3, column: '子类', message: '未知的部件类别' },
      { row: 4, column: '经度', message: '该位置不在您管辖的任何网格内' },
    ]);
    const list = await t.api('GET', `/api/things?areaCode=${c.county}&kind=camera`, { token });
    expect(list.body.items).toEqual([expect.objectContaining({ name: '东口监控', gridCode: c.grids[1] })]);
    expect((await post('/api/import/things?dryRun=false', file)).json()).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('serves templates that open in Excel with the expected headers', async () => {
    const r = await t.runtime.app.inject({ url: '/api/import/templates/people.xlsx' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    const rows = await readXlsx(r.rawPayload);
    expect(rows[0]).toEqual(HEAD);
    const org = await readXlsx((await t.runtime.app.inject({ url: '/api/import/templates/organizations.xlsx' })).rawPayload);
    expect(org[0]).toContain('统一社会信用代码');
  });

  it('exports masked by default, full only with the permission (audited), and only within scope', async () => {
    const c = await createTestCounty(t);
    const id = makeIdNumber('620702', '1966-02-03', 31);
    await t.api('POST', '/api/people', { token, body: { name: '导出测试', idNumber: id, phone: '13911112222', registrationType: 'registered', gridCode: c.grids[0] } });
    const masked = await t.runtime.app.inject({ url: `/api/export/people.xlsx?areaCode=${c.county}`, headers: { authorization: `Bearer ${token}` } });
    expect(masked.statusCode).toBe(200);
    const rows = await readXlsx(masked.rawPayload);
    expect(rows[0]).toEqual(['姓名', '身份证号', '性别', '出生日期', '民族', '联系电话', '户籍类型', '网格编码', '状态']);
    expect(rows[1]).toEqual(['导出测试', '6207**********' + id.slice(-4), '男', '1966-02-03', '汉族', '139****2222', '户籍', c.grids[0], '在册']);
    expect(masked.body).not.toContain(id);

    const leader = await t.login('demo-leader');
    expect((await t.runtime.app.inject({ url: `/api/export/people.csv?full=true`, headers: { authorization: `Bearer ${leader}` } })).statusCode).toBe(403);
    const full = await t.runtime.app.inject({ url: `/api/export/people.csv?areaCode=${c.county}&full=true`, headers: { authorization: `Bearer ${token}` } });
    expect(full.body).toContain(id);
    expect(full.body).toContain('13911112222');
    const audit = await t.runtime.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'personal.export').execute();
    expect(audit).toEqual([{ action: 'personal.export', entity_id: c.county }]);

    const gaotai = await t.login('demo-gaotai');
    const scoped = await t.runtime.app.inject({ url: '/api/export/people.csv', headers: { authorization: `Bearer ${gaotai}` } });
    const lines = scoped.body.trim().split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.every((l) => l.split(',')[7]!.startsWith('620724'))).toBe(true);
  });
});

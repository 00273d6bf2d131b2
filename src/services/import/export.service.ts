import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database.js';
import { inScope } from '../../db/scope.js';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from '../../lib/personal-data.js';
import type { AuditService } from '../audit.service.js';
import type { Actor } from '../context.js';
import { HOUSE_USE, ORG_KIND, REGISTRATION } from './columns.js';

const PAGE = 5000;
const invert = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const REG = invert(REGISTRATION);
const USE = invert(HOUSE_USE);
const KIND = invert(ORG_KIND);
const STATUS: Record<string, string> = { present: '在册', moved_out: '迁出', deceased: '死亡' };

type Page = Array<Array<string | number | null>>;

/**
 * Streams an element list as .xlsx or .csv with constant memory: keyset pages of PAGE rows from the
 * database straight into a streaming workbook writer. Personal data is masked unless `full` is
 * asked for (the route checks the permission); a full export is audited.
 */
export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async start(actor: Actor, kind: 'people' | 'houses' | 'organizations', opts: { areaPrefix: string; format: 'xlsx' | 'csv'; full: boolean }): Promise<Readable> {
    if (opts.full) {
      await this.db.transaction().execute((trx) =>
        this.audit.record(trx, actor, { action: 'personal.export', entityType: kind, entityId: opts.areaPrefix, areaCode: opts.areaPrefix, after: { format: opts.format } }),
      );
    }
    const out = new PassThrough();
    const pages = this.pages(actor, kind, opts.areaPrefix, opts.full);
    const headers = kind === 'people' ? ['姓名', '身份证号', '性别', '出生日期', '民族', '联系电话', '户籍类型', '网格编码', '状态'] : kind === 'houses' ? ['地址', '网格编码', '经度', '纬度', '用途', '居住状态'] : ['名称', '类型', '统一社会信用代码', '地址', '网格编码', '联系人', '联系电话'];
    const write = opts.format === 'csv' ? this.writeCsv(out, headers, pages) : this.writeXlsx(out, headers, pages);
    write.catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return out;
  }

  private async writeXlsx(out: PassThrough, headers: string[], pages: AsyncGenerator<Page>) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet('数据');
    ws.addRow(headers).commit();
    for await (const page of pages) for (const r of page) ws.addRow(r).commit();
    ws.commit();
    await wb.commit();
  }

  private async writeCsv(out: PassThrough, headers: string[], pages: AsyncGenerator<Page>) {
    const esc = (v: string | number | null) => {
      const s = v === null ? '' : String(v);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const push = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
    await push(`\uFEFF${headers.join(',')}\n`);
    for await (const page of pages) await push(page.map((r) => r.map(esc).join(',')).join('\n') + '\n');
    out.end();
  }

  private async *pages(actor: Actor, kind: 'people' | 'houses' | 'organizations', prefix: string, full: boolean): AsyncGenerator<Page> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      if (kind === 'people') {
        const rows = await this.db
          .selectFrom('person')
          .select(['id', 'name', 'id_number_enc', 'sex', 'birth_date', 'ethnicity', 'phone_enc', 'registration_type', 'grid_code', 'status'])
          .where(inScope(actor.scope, 'grid_code'))
          .where('grid_code', 'like', `${prefix}%`)
          .where('id', '>', after)
          .orderBy('id')
          .limit(PAGE)
          .execute();
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield rows.map((r) => {
          const id = this.cipher.decrypt(r.id_number_enc);
          const phone = r.phone_enc ? this.cipher.decrypt(r.phone_enc) : null;
          return [r.name, full ? id : maskIdNumber(id), r.sex === 'male' ? '男' : '女', String(r.birth_date), r.ethnicity, phone ? (full ? phone : maskPhone(phone)) : null, REG[r.registration_type] ?? r.registration_type, r.grid_code, STATUS[r.status] ?? r.status];
        });
      } else if (kind === 'houses') {
        const rows = await this.db.selectFrom('house').select(['id', 'address', 'grid_code', 'lng', 'lat', 'use', 'rental_status']).where(inScope(actor.scope, 'grid_code')).where('grid_code', 'like', `${prefix}%`).where('id', '>', after).orderBy('id').limit(PAGE).execute();
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield rows.map((r) => [r.address, r.grid_code, r.lng, r.lat, USE[r.use] ?? r.use, r.rental_status]);
      } else {
        const rows = await this.db.selectFrom('organization').select(['id', 'name', 'kind', 'credit_code', 'address', 'grid_code', 'contact_name', 'contact_phone_enc']).where(inScope(actor.scope, 'grid_code')).where('grid_code', 'like', `${prefix}%`).where('id', '>', after).orderBy('id').limit(PAGE).execute();
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.id;
        yield rows.map((r) => {
          const phone = r.contact_phone_enc ? this.cipher.decrypt(r.contact_phone_enc) : null;
          return [r.name, KIND[r.kind] ?? r.kind, r.credit_code, r.address, r.grid_code, r.contact_name, phone ? (full ? phone : maskPhone(phone)) : null];
        });
      }
    }
  }
}

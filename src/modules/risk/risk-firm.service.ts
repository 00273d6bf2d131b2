import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inScope, type Scope } from '../../db/scope.js';
import { creditCodeProblem } from '../../kernel/credit-code.js';
import type { FirmTie } from './risk-conflict.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';

export interface FirmInput {
  name: string;
  creditCode: string;
  qualifications: string[];
  staffCount: number;
  contact: string | null;
  ties: FirmTie[];
  status?: 'active' | 'suspended';
}

/**
 * The registry of third-party assessment firms (the city's 34 firms). Firms have no accounts: the
 * centre keeps their records. Workload and ratings are computed from matters and ratings so they
 * cannot drift; a firm's history lists only matters inside the reader's scope.
 */
export class RiskFirmService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  private validate(input: FirmInput) {
    const code = input.creditCode.trim().toUpperCase();
    const problem = creditCodeProblem(code);
    if (problem) throw invalidField('creditCode', problem);
    input.ties.forEach((t, i) => {
      const p = t.creditCode ? creditCodeProblem(t.creditCode) : null;
      if (p) throw invalidField(`ties.${i}.creditCode`, p);
    });
    return code;
  }

  async create(actor: Actor, input: FirmInput) {
    const code = this.validate(input);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('risk_firm').select('id').where('credit_code', '=', code).executeTakeFirst();
      if (taken) throw conflict('risk_credit_code_taken');
      const row = await trx
        .insertInto('risk_firm')
        .values({ name: input.name.trim(), credit_code: code, qualifications: input.qualifications, staff_count: input.staffCount, contact: input.contact, ties: JSON.stringify(input.ties), status: input.status ?? 'active', created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'risk_firm.create', entityType: 'risk_firm', entityId: row.id, areaCode: null, after: { ...input, creditCode: code } });
      return row;
    });
  }

  async update(actor: Actor, id: string, input: FirmInput, reason: string | null) {
    const code = this.validate(input);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('risk_firm').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound();
      const taken = await trx.selectFrom('risk_firm').select('id').where('credit_code', '=', code).where('id', '<>', id).executeTakeFirst();
      if (taken) throw conflict('risk_credit_code_taken');
      const row = await trx
        .updateTable('risk_firm')
        .set({ name: input.name.trim(), credit_code: code, qualifications: input.qualifications, staff_count: input.staffCount, contact: input.contact, ties: JSON.stringify(input.ties), status: input.status ?? before.status, updated_at: this.clock.now() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await this.audit.record(trx, actor, { action: 'risk_firm.update', entityType: 'risk_firm', entityId: id, areaCode: null, before, after: { ...input, creditCode: code }, reason });
      return row;
    });
  }

  /** Every firm with its open and total assignments and its average rating, busiest first. */
  async list() {
    const rows = await this.db
      .selectFrom('risk_firm as f')
      .select([
        'f.id', 'f.name', 'f.credit_code', 'f.qualifications', 'f.staff_count', 'f.contact', 'f.ties', 'f.status',
        sql<number>`(select count(*)::int from risk_matter m where m.firm_id = f.id and m.closed_at is null and m.stage not in ('monitor', 'closed'))`.as('open_count'),
        sql<number>`(select count(*)::int from risk_matter m where m.firm_id = f.id)`.as('total_count'),
        sql<number | null>`(select round(avg(r.score)::numeric, 2)::float8 from risk_firm_rating r where r.firm_id = f.id)`.as('avg_rating'),
        sql<number>`(select count(*)::int from risk_firm_rating r where r.firm_id = f.id)`.as('rating_count'),
      ])
      .orderBy('f.name')
      .execute();
    return rows;
  }

  async get(scope: Scope, id: string) {
    const firm = (await this.list()).find((f) => f.id === id);
    if (!firm) throw notFound();
    const history = await this.db
      .selectFrom('risk_matter as m')
      .leftJoin('risk_firm_rating as r', 'r.matter_id', 'm.id')
      .select(['m.id', 'm.number', 'm.title', 'm.stage', 'm.decision', 'm.created_at', 'r.score', 'r.comment'])
      .where('m.firm_id', '=', id)
      .where(inScope(scope, 'm.area_code'))
      .orderBy('m.created_at', 'desc')
      .limit(100)
      .execute();
    return { firm, history };
  }
}

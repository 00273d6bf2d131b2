import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import { creditCodeProblem } from '../../kernel/credit-code.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import type { FirmTie } from './risk-conflict.js';
import * as firms from './risk-firm.repository.js';

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
      const taken = await firms.findFirmByCreditCode(trx, code);
      if (taken) throw conflict('risk_credit_code_taken');
      const row = await firms.insertFirm(trx, {
        name: input.name.trim(),
        credit_code: code,
        qualifications: input.qualifications,
        staff_count: input.staffCount,
        contact: input.contact,
        ties: JSON.stringify(input.ties),
        status: input.status ?? 'active',
        created_at: now,
        updated_at: now,
      });
      await this.audit.record(trx, actor, {
        action: 'risk_firm.create',
        entityType: 'risk_firm',
        entityId: row.id,
        areaCode: null,
        after: { ...input, creditCode: code },
      });
      return row;
    });
  }

  async update(actor: Actor, id: string, input: FirmInput, reason: string | null) {
    const code = this.validate(input);
    return this.db.transaction().execute(async (trx) => {
      const before = await firms.lockFirm(trx, id);
      if (!before) throw notFound();
      const taken = await firms.findOtherFirmByCreditCode(trx, code, id);
      if (taken) throw conflict('risk_credit_code_taken');
      const row = await firms.updateFirm(trx, id, {
        name: input.name.trim(),
        credit_code: code,
        qualifications: input.qualifications,
        staff_count: input.staffCount,
        contact: input.contact,
        ties: JSON.stringify(input.ties),
        status: input.status ?? before.status,
        updated_at: this.clock.now(),
      });
      await this.audit.record(trx, actor, {
        action: 'risk_firm.update',
        entityType: 'risk_firm',
        entityId: id,
        areaCode: null,
        before,
        after: { ...input, creditCode: code },
        reason,
      });
      return row;
    });
  }

  /** Every firm with its open and total assignments and its average rating, by name. */
  list() {
    return firms.listFirmsWithWorkload(this.db);
  }

  async get(scope: Scope, id: string) {
    const firm = (await this.list()).find((f) => f.id === id);
    if (!firm) throw notFound();
    const history = await firms.listFirmHistory(this.db, scope, id);
    return { firm, history };
  }
}

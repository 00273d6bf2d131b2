import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { PersonalDataCipher } from '../../lib/personal-data.js';
import type { AuditService } from '../audit/audit.service.js';
import { findArea } from './area.repository.js';
import * as workers from './grid-worker.repository.js';

export class GridWorkerService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cipher: PersonalDataCipher,
  ) {}

  /** Workers covering grids under an area, phones decrypted for the presenter to mask (as in every list). */
  async listForArea(scope: Scope, areaCode: string, limit: number, offset: number) {
    const area = await findArea(this.db, scope, areaCode);
    if (!area) throw notFound();
    const prefix = area.level === 'city' ? areaCode.slice(0, 4) : areaCode;
    const rows = await workers.listGridWorkersIn(this.db, scope, prefix, limit, offset);
    return rows.map(({ phone_enc, ...r }) => ({ ...r, phone: phone_enc ? this.cipher.decrypt(phone_enc) : null }));
  }

  /** The full phone number: needs personal:read_full (checked by the caller) and is audited. */
  async revealPhone(actor: Actor, id: string): Promise<string | null> {
    return this.db.transaction().execute(async (trx) => {
      const w = await workers.findGridWorker(trx, actor.scope, id);
      if (!w) throw notFound();
      await this.audit.record(trx, actor, {
        action: 'personal.read',
        entityType: 'grid_worker',
        entityId: id,
        areaCode: w.home_code,
        after: { field: 'phone' },
      });
      return w.phone_enc ? this.cipher.decrypt(w.phone_enc) : null;
    });
  }

  async assign(actor: Actor, gridCode: string, workerId: string) {
    return this.db.transaction().execute(async (trx) => {
      const grid = await findArea(trx, actor.scope, gridCode);
      if (!grid) throw notFound();
      if (grid.level !== 'grid') throw invalidField('gridCode', 'grid_required');
      if (grid.status !== 'active') throw conflict('area_retired');
      // Workers living in a neighbouring county may still cover this grid, but must be visible to the actor.
      const worker = await workers.findGridWorker(trx, actor.scope, workerId);
      if (!worker) throw invalidField('gridWorkerId', 'grid_worker_not_found');
      if (await workers.activeAssignment(trx, gridCode, workerId)) throw conflict('already_assigned');
      const a = await workers.insertAssignment(
        trx,
        { county_code: grid.county_code, grid_code: gridCode, grid_worker_id: workerId },
        this.clock.now(),
      );
      await this.audit.record(trx, actor, {
        action: 'grid.assign',
        entityType: 'grid_assignment',
        entityId: a.id,
        areaCode: gridCode,
        after: { gridCode, gridWorkerId: workerId },
      });
      return a;
    });
  }

  async unassign(actor: Actor, gridCode: string, workerId: string, reason: string | null) {
    return this.db.transaction().execute(async (trx) => {
      const grid = await findArea(trx, actor.scope, gridCode);
      if (!grid) throw notFound();
      const a = await workers.activeAssignment(trx, gridCode, workerId);
      if (!a) throw conflict('not_assigned');
      const ended = await workers.endAssignment(trx, a.id, this.clock.now());
      await this.audit.record(trx, actor, {
        action: 'grid.unassign',
        entityType: 'grid_assignment',
        entityId: a.id,
        areaCode: gridCode,
        before: { gridCode, gridWorkerId: workerId },
        reason,
      });
      return ended;
    });
  }
}

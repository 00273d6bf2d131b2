import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor } from '../../lib/context.js';
import { conflict, invalidField, notFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { mayCompleteMeasure, mayConsult, mayEditPoints, mayGrade } from './risk.policy.js';
import { loadFacts, loadRule } from './risk-facts.js';
import { bumpMatter } from './risk-matter.repository.js';
import { type RiskMatterService, wrongStage } from './risk-matter.service.js';
import * as register from './risk-register.repository.js';
import { type RiskDimension, type RiskLevel, scoreMatter } from './risk-scoring.js';
import { type ConsultMethod, measuresComplete } from './risk-workflow.js';

export interface ConsultationInput {
  method: ConsultMethod;
  heldOn: string;
  participants: number;
  consulted: string;
  summary: string | null;
  opinions: Array<{ content: string; adopted: boolean | null; response: string | null }>;
}
export interface PointInput {
  dimension: RiskDimension;
  description: string;
  likelihood: number;
  impact: number;
  affectedPeople: number | null;
  mitigation: string | null;
  mitigationOwner: string | null;
  mitigationDue: string | null;
}

/**
 * The assessor's record, kept by the centre: consultations with the opinions gathered and whether
 * each was adopted, the register of risk points with their measures, the grading of each round
 * (with an audited override), and the follow-up of measures to completion.
 */
export class RiskRegisterService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly matters: RiskMatterService,
  ) {}

  async addConsultation(actor: Actor, id: string, c: ConsultationInput) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayConsult(m)) throw wrongStage(m.stage);
      const row = await register.insertConsultation(trx, {
        matter_id: id,
        method: c.method,
        held_on: c.heldOn,
        participants: c.participants,
        consulted: c.consulted,
        summary: c.summary,
        created_at: now,
      });
      if (c.opinions.length > 0) {
        await register.insertOpinions(
          trx,
          c.opinions.map((o) => ({
            consultation_id: row.id,
            matter_id: id,
            content: o.content,
            adopted: o.adopted,
            response: o.response,
            created_at: now,
          })),
        );
      }
      await this.audit.record(trx, actor, {
        action: 'risk.consult',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        after: c,
      });
      return row.id;
    });
  }

  async answerOpinion(actor: Actor, id: string, opinionId: string, a: { adopted: boolean; response: string | null }) {
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayConsult(m)) throw wrongStage(m.stage);
      const before = await register.findOpinion(trx, id, opinionId);
      if (!before) throw notFound();
      await register.answerOpinion(trx, opinionId, a);
      await this.audit.record(trx, actor, {
        action: 'risk.answer_opinion',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before: { adopted: before.adopted, response: before.response },
        after: a,
      });
    });
  }

  /** Adds (pointId null) or replaces a point; any change makes the round's grading stale. */
  async savePoint(actor: Actor, id: string, pointId: string | null, p: PointInput) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayEditPoints(m)) throw wrongStage(m.stage);
      const values = {
        dimension: p.dimension,
        description: p.description,
        likelihood: p.likelihood,
        impact: p.impact,
        affected_people: p.affectedPeople,
        mitigation: p.mitigation,
        mitigation_owner: p.mitigationOwner,
        mitigation_due: p.mitigationDue,
        updated_at: now,
      };
      let before: unknown = null;
      let pid = pointId;
      if (pointId) {
        before = await register.findPoint(trx, id, pointId);
        if (!before) throw notFound();
        await register.updatePoint(trx, pointId, values);
      } else {
        pid = (await register.insertPoint(trx, { ...values, matter_id: id, created_at: now })).id;
      }
      await bumpMatter(trx, id, { points_changed_at: now }, now);
      await this.audit.record(trx, actor, {
        action: pointId ? 'risk.update_point' : 'risk.add_point',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before,
        after: { pointId: pid, ...p },
      });
      return pid!;
    });
  }

  async deletePoint(actor: Actor, id: string, pointId: string, reason: string) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayEditPoints(m)) throw wrongStage(m.stage);
      const before = await register.deletePoint(trx, id, pointId);
      if (!before) throw notFound();
      await bumpMatter(trx, id, { points_changed_at: now }, now);
      await this.audit.record(trx, actor, {
        action: 'risk.delete_point',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        before,
        reason,
      });
    });
  }

  /**
   * Grades the current round with the installation's rule. A different final level is the
   * assessor's override: it needs a written reason and gets its own audit entry.
   */
  async grade(actor: Actor, id: string, g: { finalLevel: RiskLevel | null; overrideReason: string | null }) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayGrade(m)) throw wrongStage(m.stage);
      const rule = await loadRule(trx);
      const { points, facts } = await loadFacts(trx, m, rule);
      const score = scoreMatter(
        points.map((p) => ({ likelihood: p.likelihood, impact: p.impact, affectedPeople: p.affected_people ?? 0 })),
        rule,
      );
      const final = g.finalLevel ?? score.level;
      const reason = g.overrideReason?.trim() || null;
      if (final !== score.level && (!reason || reason.length < 10))
        throw invalidField('overrideReason', 'risk_override_reason');
      const snapshot = points.map((p) => ({
        id: p.id,
        dimension: p.dimension,
        description: p.description,
        likelihood: p.likelihood,
        impact: p.impact,
        affectedPeople: p.affected_people,
        score: p.score,
        level: p.level,
      }));
      const row = await register.insertGrading(trx, {
        matter_id: id,
        round: m.round,
        rule_version: rule.version,
        computed_level: score.level,
        final_level: final,
        override_reason: final === score.level ? null : reason,
        mitigated: measuresComplete(facts.points),
        points: JSON.stringify(snapshot),
        graded_by: actor.displayName,
        graded_at: now,
      });
      const entry = {
        round: m.round,
        ruleVersion: rule.version,
        computed: score.level,
        final,
        basis: score.basis,
        counts: score.counts,
      };
      await this.audit.record(trx, actor, {
        action: 'risk.grade',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        after: entry,
      });
      if (final !== score.level) {
        await this.audit.record(trx, actor, {
          action: 'risk.override_level',
          entityType: 'risk_matter',
          entityId: id,
          areaCode: m.area_code,
          before: { level: score.level },
          after: { level: final },
          reason,
        });
      }
      return { ...row, basis: score.basis };
    });
  }

  /** Follow-up: a measure is done, with what was done. */
  async completeMeasure(actor: Actor, id: string, pointId: string, note: string) {
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const m = await this.matters.lock(trx, actor.scope, id);
      if (!mayCompleteMeasure(m)) throw wrongStage(m.stage);
      const p = await register.findPoint(trx, id, pointId);
      if (!p) throw notFound();
      if (!p.mitigation) throw invalidField('pointId', 'risk_measure_not_set');
      if (p.mitigation_done_at) throw conflict('conflict');
      await register.updatePoint(trx, pointId, { mitigation_done_at: now, mitigation_note: note, updated_at: now });
      await this.audit.record(trx, actor, {
        action: 'risk.complete_measure',
        entityType: 'risk_matter',
        entityId: id,
        areaCode: m.area_code,
        after: { pointId, note },
      });
    });
  }
}

import type { MediationCaseRow, MediationLevel } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { MediationService } from './mediation.service.js';
import { levelDeadlineColour } from './mediation-levels.js';

type CaseDetail = NonNullable<Awaited<ReturnType<MediationService['get']>>>;
type CaseListRow = Awaited<ReturnType<MediationService['list']>>[number];

const levelsOf = (levels: MediationCaseRow['levels']): MediationLevel[] =>
  (typeof levels === 'string' ? JSON.parse(levels) : levels) as MediationLevel[];

/** Where a case stands after a mediator's action. */
export function presentMediationStanding(c: Pick<MediationCaseRow, 'status' | 'level_key' | 'level_index'>) {
  return { status: c.status, levelKey: c.level_key, levelIndex: c.level_index };
}

/** A case in the dispute list, with its current level's name and deadline colour. */
export function presentMediationCaseItem(r: CaseListRow, now: Date) {
  const level = levelsOf(r.levels)[r.level_index];
  return {
    eventId: r.event_id,
    number: r.number,
    categoryName: r.category_name,
    gridCode: r.grid_code,
    levelKey: r.level_key,
    levelName: level?.name ?? r.level_key,
    levelDueAt: isoOrNull(r.level_due_at),
    status: r.status,
    openedAt: iso(r.opened_at),
    deadline: levelDeadlineColour(r.status, r.level_due_at, now),
  };
}

/** A case in an event's detail: its levels, the current level's unit and every step so far. */
export function presentMediationCase(m: CaseDetail) {
  return {
    status: m.status,
    levelIndex: m.level_index,
    levelKey: m.level_key,
    levelDueAt: isoOrNull(m.level_due_at),
    levelUnit: m.level_unit_id ? { id: m.level_unit_id, name: m.unit_name ?? '', kind: m.unit_kind ?? '' } : null,
    outcome: m.outcome,
    agreement: m.agreement,
    resolvedLevelKey: m.resolved_level_key,
    levels: m.levels.map((l) => ({ key: l.key, name: l.name, nameEn: l.nameEn, workingDays: l.workingDays })),
    steps: m.steps.map((s) => ({
      levelIndex: s.level_index,
      levelKey: s.level_key,
      startedAt: iso(s.started_at),
      dueAt: iso(s.due_at),
      endedAt: isoOrNull(s.ended_at),
      result: s.result,
      note: s.note,
      actor: s.actor_name,
    })),
  };
}

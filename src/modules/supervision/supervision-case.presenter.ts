import type { SupervisionMeasure } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { Actor } from '../../lib/context.js';
import { caseActions } from './supervision.policy.js';
import { flagDetail } from './supervision-flag.presenter.js';
import type { SupervisionStatus } from './supervision-rules.js';

type Deadline = 'closed' | 'overdue' | 'warning' | 'normal';

export interface CaseRow {
  id: string;
  number: string;
  title: string;
  area_code: string;
  area_name: string;
  status: SupervisionStatus;
  deadline: Deadline;
  deadline_at: Date;
  overdue_at: Date | null;
  created_at: Date;
  closed_at: Date | null;
}

export interface CaseDetailRow extends CaseRow {
  requirement: string;
  rectify_working_days: number;
  supervisor_code: string;
  version: number;
  steps: Array<{
    at: Date;
    actor_name: string;
    action: string;
    from_status: string | null;
    to_status: string;
    note: string | null;
  }>;
  flag: {
    id: string;
    rule_name: string;
    measure: SupervisionMeasure;
    value: number;
    threshold: number;
    events: number;
    period_from: string;
    period_to: string;
    detail: unknown;
  } | null;
}

/** A case in a list, with its deadline colour. */
export function presentCase(c: CaseRow) {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    areaCode: c.area_code,
    areaName: c.area_name,
    status: c.status,
    deadline: c.deadline,
    deadlineAt: iso(c.deadline_at),
    overdueAt: isoOrNull(c.overdue_at),
    createdAt: iso(c.created_at),
    closedAt: isoOrNull(c.closed_at),
  };
}

/** One case with its history, the flag it came from and the actions the actor may take on it. */
export function presentCaseDetail(c: CaseDetailRow, actor: Pick<Actor, 'scope' | 'permissions'>) {
  const f = c.flag;
  return {
    ...presentCase(c),
    requirement: c.requirement,
    rectifyWorkingDays: c.rectify_working_days,
    supervisorCode: c.supervisor_code,
    version: c.version,
    actions: caseActions(actor, c),
    steps: c.steps.map((x) => ({
      at: iso(x.at),
      actorName: x.actor_name,
      action: x.action,
      fromStatus: x.from_status,
      toStatus: x.to_status,
      note: x.note,
    })),
    flag: f
      ? {
          id: f.id,
          ruleName: f.rule_name,
          measure: f.measure,
          value: f.value,
          threshold: f.threshold,
          events: f.events,
          periodFrom: f.period_from,
          periodTo: f.period_to,
          detail: flagDetail(f.detail),
        }
      : null,
  };
}

/** What confirming a flag answers: the new case's id, number and deadline. */
export function presentConfirmed(c: { id: string; number: string; deadline_at: Date }) {
  return { id: c.id, number: c.number, deadlineAt: iso(c.deadline_at) };
}

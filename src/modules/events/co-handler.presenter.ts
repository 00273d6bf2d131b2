import type { Selectable } from 'kysely';
import type { EventCoHandlerTable } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';

type EventCoHandlerRow = Selectable<EventCoHandlerTable>;
type TaskRow = Pick<EventCoHandlerRow, 'id' | 'unit_id' | 'task' | 'status' | 'due_at' | 'feedback' | 'done_at'>;

/** A co-handling task as the joint-handling endpoints answer it. */
export function presentCoHandlerTask(t: TaskRow) {
  return {
    id: t.id,
    unitId: t.unit_id,
    task: t.task,
    status: t.status,
    dueAt: iso(t.due_at),
    feedback: t.feedback,
    doneAt: isoOrNull(t.done_at),
  };
}

/** A task in an event's detail: with its unit, and overdue once flagged or past its due time while open. */
type TaskDetailRow = TaskRow & Pick<EventCoHandlerRow, 'overdue_at'> & { unit_name: string; unit_kind: string };

export function presentCoHandlerDetail(t: TaskDetailRow, now: Date) {
  return {
    id: t.id,
    unit: { id: t.unit_id, name: t.unit_name, kind: t.unit_kind },
    task: t.task,
    status: t.status,
    dueAt: iso(t.due_at),
    overdue: t.status === 'open' && (t.overdue_at !== null || t.due_at <= now),
    feedback: t.feedback,
    doneAt: isoOrNull(t.done_at),
  };
}

import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { MediationService } from '../mediation/mediation.service.js';
import type { AttachmentInfo } from './attachment.service.js';
import type { CoHandlerService } from './co-handler.service.js';

/** The parts of the event page beside the event itself: its timeline, joint tasks, mediation case and files. */
type TimelineStep = {
  id: string | number | bigint;
  at: Date;
  actor_name: string;
  action: string;
  from_status: string | null;
  to_status: string;
  note: string | null;
  unit_name: string | null;
};
type StepFile = { id: string; file_name: string; transition_id: string | number | bigint | null };
type CoHandlerTask = Awaited<ReturnType<CoHandlerService['listFor']>>[number];
type MediationCase = NonNullable<Awaited<ReturnType<MediationService['get']>>>;

/** The timeline; attachments given with a transition (a photo with the feedback, say) show on that step. */
export function presentTimeline(steps: TimelineStep[], files: StepFile[]) {
  const byStep = new Map<string, Array<{ id: string; fileName: string }>>();
  for (const f of files)
    byStep.set(String(f.transition_id), [
      ...(byStep.get(String(f.transition_id)) ?? []),
      { id: f.id, fileName: f.file_name },
    ]);
  return steps.map((t) => ({
    id: String(t.id),
    at: iso(t.at),
    actor: t.actor_name,
    action: t.action,
    from: t.from_status,
    to: t.to_status,
    note: t.note,
    unit: t.unit_name,
    attachments: byStep.get(String(t.id)) ?? [],
  }));
}

/** A task is overdue once the sweeper flagged it or its deadline passed, while it is open. */
export function presentCoHandlers(tasks: CoHandlerTask[], now: Date) {
  return tasks.map((t) => ({
    id: t.id,
    unit: { id: t.unit_id, name: t.unit_name, kind: t.unit_kind },
    task: t.task,
    status: t.status,
    dueAt: iso(t.due_at),
    overdue: t.status === 'open' && (t.overdue_at !== null || t.due_at <= now),
    feedback: t.feedback,
    doneAt: isoOrNull(t.done_at),
  }));
}

export function presentMediation(m: MediationCase | null) {
  if (!m) return null;
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

export function presentAttachments(files: AttachmentInfo[]) {
  return files.map((a) => ({
    id: a.id,
    fileName: a.fileName,
    mime: a.mime,
    size: a.size,
    createdAt: typeof a.createdAt === 'string' ? a.createdAt : iso(a.createdAt),
  }));
}

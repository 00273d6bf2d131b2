import { iso, isoOrNull } from '../../http/common.schemas.js';
import type { MediationService } from '../mediation/mediation.service.js';
import { presentMediationCase } from '../mediation/mediation-case.presenter.js';
import { presentAttachment } from './attachment.presenter.js';
import type { AttachmentInfo } from './attachment.service.js';
import { presentCoHandlerDetail } from './co-handler.presenter.js';
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
  return tasks.map((t) => presentCoHandlerDetail(t, now));
}

export function presentMediation(m: MediationCase | null) {
  return m ? presentMediationCase(m) : null;
}

export function presentAttachments(files: AttachmentInfo[]) {
  return files.map(presentAttachment);
}

import { iso, isoOrNull } from '../../http/common.schemas.js';
import { canRate } from './event.policy.js';
import type { Rating } from './event-state-machine.js';

/** What the public tracking page shows: status and the public notes of the timeline, no personal data. */
interface Tracked {
  number: string;
  status: string;
  category: string;
  created_at: Date;
  due_at: Date;
  closed_at: Date | null;
  rating: string | null;
  merged_into_number: string | null;
  merged_into_status: string | null;
}

export function presentTracking(e: Tracked, steps: Array<{ at: Date; to_status: string; public_note: string | null }>) {
  return {
    number: e.number,
    status: e.status,
    category: e.category,
    createdAt: iso(e.created_at),
    dueAt: iso(e.due_at),
    closedAt: isoOrNull(e.closed_at),
    rating: (e.rating as Rating | null) ?? null,
    canRate: canRate(e),
    // The surviving event's number and progress, never its tracking code (another resident's key to it).
    mergedInto:
      e.merged_into_number && e.merged_into_status
        ? { number: e.merged_into_number, status: e.merged_into_status }
        : null,
    timeline: steps.map((s) => ({ at: iso(s.at), status: s.to_status, note: s.public_note })),
  };
}

import { systemActor } from '../../lib/context.js';
import type { SupervisionService } from './supervision.service.js';

/**
 * The supervision job: evaluates every active rule over the whole installation for its last
 * complete month or quarter, and stamps cases whose rectification deadline passed. Safe to run
 * often and from several processes: flags are unique per rule × area × period (insert … on
 * conflict do nothing) and the overdue stamp is a single conditional UPDATE. After downtime the
 * first run catches up, since it looks at the last complete period, not at "since last run".
 */
export async function runSupervisionJob(services: {
  supervision: Pick<SupervisionService, 'evaluate' | 'markOverdue'>;
}) {
  const actor = systemActor('supervision-job');
  const flags = await services.supervision.evaluate(actor);
  const overdue = await services.supervision.markOverdue(actor);
  return { ...flags, overdue };
}

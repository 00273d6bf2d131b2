import type { Services } from '../../services.js';
import { systemActor } from '../../lib/context.js';

/**
 * The supervision job: evaluates every active rule over the whole installation for its last
 * complete month or quarter, and stamps cases whose rectification deadline passed. Safe to run
 * often and from several processes: flags are unique per rule × area × period (insert … on
 * conflict do nothing) and the overdue stamp is a single conditional UPDATE. After downtime the
 * first run catches up, since it looks at the last complete period, not at "since last run".
 */
export async function runSupervisionJob(services: Pick<Services, 'supervision'>) {
  const actor = systemActor('supervision-job');
  const flags = await services.supervision.evaluate(actor);
  const overdue = await services.supervision.markOverdue(actor);
  return { ...flags, overdue };
}

import type { GridWorkerRow } from '../../db/schema.js';
import { iso, isoOrNull } from '../../http/common.schemas.js';
import { maskPhone } from '../../lib/personal-data.js';

type WorkerExtras = { phone: string | null; grid_codes: string[] };
type Assignment = { id: string; grid_code: string; grid_worker_id: string; started_at: Date; ended_at: Date | null };

/** A worker as every list shows it: the phone (already decrypted by the service) masked. */
export function presentGridWorker(
  w: Pick<GridWorkerRow, 'id' | 'name' | 'home_code' | 'status' | 'user_id'> & WorkerExtras,
) {
  return {
    id: w.id,
    name: w.name,
    phoneMasked: w.phone === null ? null : maskPhone(w.phone),
    homeCode: w.home_code,
    status: w.status,
    hasAccount: w.user_id !== null,
    gridCodes: w.grid_codes,
  };
}

export function presentGridAssignment(a: Assignment) {
  return {
    id: a.id,
    gridCode: a.grid_code,
    gridWorkerId: a.grid_worker_id,
    startedAt: iso(a.started_at),
    endedAt: isoOrNull(a.ended_at),
  };
}

import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ElementVersionTable } from '../../db/schema.js';

export type NewElementVersion = Insertable<ElementVersionTable>;

export async function insertElementVersion(db: Executor, row: NewElementVersion): Promise<void> {
  await db.insertInto('element_version').values(row).execute();
}

export function listElementVersions(db: Executor, type: string, id: string) {
  return db
    .selectFrom('element_version')
    .select(['version', 'at', 'actor_name', 'action', 'changes', 'reason'])
    .where('element_type', '=', type)
    .where('element_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

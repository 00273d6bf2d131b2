import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { ImportJobTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export function insertImportJob(db: Executor, job: Insertable<ImportJobTable>) {
  return db.insertInto('import_job').values(job).returning('id').executeTakeFirstOrThrow();
}

/** Rejected rows are personal data: erased from job records older than the cutoff. */
export async function eraseReportsBefore(db: Executor, cutoff: Date): Promise<void> {
  await db
    .updateTable('import_job')
    .set({ rejected: '[]' })
    .where('created_at', '<', cutoff)
    .where(sql<SqlBool>`rejected <> '[]'::jsonb`)
    .execute();
}

/** One of the actor's own import jobs, within the actor's scope. */
export function findOwnImportJob(db: Executor, scope: Scope, actorId: string, jobId: string) {
  return db
    .selectFrom('import_job')
    .select(['headers', 'rejected', 'created_at'])
    .where('id', '=', jobId)
    .where('actor_id', '=', actorId)
    .where(inScope(scope, 'scope_code'))
    .executeTakeFirst();
}

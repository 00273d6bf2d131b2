import type { Executor } from './database.js';
import { type Scope, scopeOf } from './scope.js';

/**
 * Every repository (`src/modules/<m>/<name>.repository.ts`, a file of exported query functions whose first
 * argument is the executor) has a sibling `<name>.repository.sql.ts` whose default export is `sqlSnapshot(...)`.
 * `npm run sql:snapshot` calls each entry against a recording executor and writes the SQL it compiles to
 * `src/queries/<name>.sql`, so a reviewer reads the SQL of every query and CI fails when a snapshot is stale.
 * The mapped type makes the compiler refuse a repository function without an entry.
 */
type QueryFn = (...args: never[]) => unknown;
export type QueryCalls<M> = { [K in keyof M as M[K] extends QueryFn ? K : never]: (db: Executor) => unknown };

export interface SqlSnapshot {
  /** The snapshot file's name, `src/queries/<name>.sql`: the repository file's name without `.repository.ts`. */
  name: string;
  calls: Record<string, (db: Executor) => unknown>;
}

export function sqlSnapshot<M>(name: string, _repository: M, calls: QueryCalls<M>): SqlSnapshot {
  return { name, calls: calls as Record<string, (db: Executor) => unknown> };
}

/** Fixed sample arguments, so snapshots do not change from run to run. */
export const SAMPLE = {
  uuid: '00000000-0000-4000-8000-000000000001',
  uuid2: '00000000-0000-4000-8000-000000000002',
  countyScope: scopeOf('620702', 'county') as Scope,
  cityScope: scopeOf('620700', 'city') as Scope,
  countyCode: '620702',
  gridCode: '620702100001001',
  now: new Date('2026-01-05T02:00:00Z'),
  day: '2026-01-05',
} as const;

import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PersonRow } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText } from '../../db/text-search.js';

export function findPerson(db: Executor, scope: Scope, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).where(inScope(scope, 'grid_code')).executeTakeFirst();
}

/** Unscoped on purpose: an ID number is unique across the installation, whoever holds the record. */
export function findPersonIdByIdHash(db: Executor, idHash: string) {
  return db.selectFrom('person').select(['id', 'grid_code']).where('id_number_hash', '=', idHash).executeTakeFirst();
}

export interface PersonFilter {
  gridPrefix?: string;
  tag?: string;
  riskLevel?: string;
  status?: string;
  /** A name fragment, an ID number, a phone, or the last 4 characters of either. */
  q?: { name?: string; idHash?: string; phoneHash?: string; tail?: string };
  afterId?: string;
  limit: number;
}

export function listPeople(db: Executor, scope: Scope, f: PersonFilter) {
  let q = db
    .selectFrom('person as p')
    .select(['p.id', 'p.name', 'p.sex', 'p.birth_date', 'p.id_number_enc', 'p.phone_enc', 'p.grid_code', 'p.status', 'p.registration_type', 'p.household_id', 'p.relation_to_head'])
    .select(sql<string[]>`coalesce((select array_agg(t.tag order by t.tag) from person_tag t where t.person_id = p.id and t.active), '{}')`.as('tags'))
    .where(inScope(scope, 'p.grid_code'));
  if (f.gridPrefix) q = q.where('p.grid_code', 'like', `${f.gridPrefix}%`);
  if (f.status) q = q.where('p.status', '=', f.status as PersonRow['status']);
  if (f.tag || f.riskLevel) {
    q = q.where(({ exists, selectFrom }) => {
      let t = selectFrom('person_tag as t').select(sql`1`.as('x')).whereRef('t.person_id', '=', 'p.id').where('t.active', '=', true);
      if (f.tag) t = t.where('t.tag', '=', f.tag);
      if (f.riskLevel) t = t.where('t.risk_level', '=', f.riskLevel as 'red');
      return exists(t);
    });
  }
  const s = f.q;
  if (s?.name) q = q.where(containsText(sql.ref('p.name'), s.name));
  if (s?.idHash) q = q.where('p.id_number_hash', '=', s.idHash);
  if (s?.phoneHash) q = q.where('p.phone_hash', '=', s.phoneHash);
  if (s?.tail) {
    const tail = s.tail;
    q = q.where((eb) => eb.or([eb('p.id_tail', '=', tail), eb('p.phone_tail', '=', tail)]));
  }
  if (f.afterId) q = q.where('p.id', '>', f.afterId);
  return q.orderBy('p.id').limit(f.limit).execute();
}

export function listHouseholdMembers(db: Executor, scope: Scope, householdId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'sex', 'birth_date', 'id_number_enc', 'relation_to_head', 'status'])
    .where('household_id', '=', householdId)
    .where(inScope(scope, 'grid_code'))
    .orderBy('birth_date')
    .execute();
}

export function listTags(db: Executor, personId: string, includeEnded = false) {
  let q = db.selectFrom('person_tag').selectAll().where('person_id', '=', personId);
  if (!includeEnded) q = q.where('active', '=', true);
  return q.orderBy('created_at').execute();
}

/** Active tags whose next visit is due before `now`, most overdue first. */
export function listOverdueVisits(db: Executor, scope: Scope, gridPrefix: string, now: Date, limit: number) {
  return db
    .selectFrom('person_tag as t')
    .innerJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('grid_worker as w', 'w.id', 't.responsible_worker_id')
    .select(['t.id', 't.tag', 't.risk_level', 't.next_visit_due', 't.last_visit_at', 't.grid_code', 'p.id as person_id', 'p.name as person_name', 'w.name as worker_name'])
    .where('t.active', '=', true)
    .where('p.status', '=', 'present')
    .where('t.next_visit_due', '<', now)
    .where('t.grid_code', 'like', `${gridPrefix}%`)
    .where(inScope(scope, 't.grid_code'))
    .orderBy('t.next_visit_due')
    .limit(limit)
    .execute();
}

import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { PersonRow, PersonTable } from '../../db/schema.js';
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
  /** tail: the last four of a phone (kept in clear); idTailHash: the blind index of the last four of an ID number. */
  q?: { name?: string; idHash?: string; phoneHash?: string; tail?: string; idTailHash?: string };
  afterId?: string;
  limit: number;
}

export function listPeople(db: Executor, scope: Scope, f: PersonFilter) {
  let q = db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.name',
      'p.sex',
      'p.birth_date',
      'p.id_number_enc',
      'p.phone_enc',
      'p.grid_code',
      'p.status',
      'p.registration_type',
      'p.household_id',
      'p.relation_to_head',
    ])
    .select(
      sql<
        string[]
      >`coalesce((select array_agg(t.tag order by t.tag) from person_tag t where t.person_id = p.id and t.active), '{}')`.as(
        'tags',
      ),
    )
    .where(inScope(scope, 'p.grid_code'));
  if (f.gridPrefix) q = q.where('p.grid_code', 'like', `${f.gridPrefix}%`);
  if (f.status) q = q.where('p.status', '=', f.status as PersonRow['status']);
  if (f.tag || f.riskLevel) {
    q = q.where(({ exists, selectFrom }) => {
      let t = selectFrom('person_tag as t')
        .select(sql`1`.as('x'))
        .whereRef('t.person_id', '=', 'p.id')
        .where('t.active', '=', true);
      if (f.tag) t = t.where('t.tag', '=', f.tag);
      if (f.riskLevel) t = t.where('t.risk_level', '=', f.riskLevel as 'red');
      return exists(t);
    });
  }
  const s = f.q;
  if (s?.name) q = q.where(containsText(sql.ref('p.name'), s.name));
  if (s?.idHash) q = q.where('p.id_number_hash', '=', s.idHash);
  if (s?.phoneHash) q = q.where('p.phone_hash', '=', s.phoneHash);
  if (s?.tail && s.idTailHash) {
    const { tail, idTailHash } = s;
    q = q.where((eb) => eb.or([eb('p.id_tail_hash', '=', idTailHash), eb('p.phone_tail', '=', tail)]));
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

export function insertPerson(db: Executor, values: Insertable<PersonTable>): Promise<PersonRow> {
  return db.insertInto('person').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePerson(db: Executor, id: string, set: Updateable<PersonTable>): Promise<PersonRow> {
  return db.updateTable('person').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** A tag change is a change of the person: it takes the person's next version number. */
export async function bumpPersonVersion(db: Executor, personId: string): Promise<number> {
  const r = await db
    .updateTable('person')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

export function findPersonName(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findPersonPlace(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'grid_code', 'county_code', 'status'])
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findPeopleGrids(db: Executor, scope: Scope, ids: string[]) {
  return db
    .selectFrom('person')
    .select(['id', 'grid_code'])
    .where('id', 'in', ids)
    .where(inScope(scope, 'grid_code'))
    .execute();
}

/** Unscoped: the household itself was found within the caller's scope. */
export async function listPresentMemberIds(db: Executor, householdId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '=', 'present')
    .execute();
  return rows.map((p) => p.id);
}

export function listHouseResidents(db: Executor, scope: Scope, houseId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'status', 'registration_type'])
    .where('house_id', '=', houseId)
    .where(inScope(scope, 'grid_code'))
    .execute();
}

/**
 * People whose ID-number tail has no blind index yet (rows from before migration 0024), locked; rows another process
 * is filling are skipped, so two starting processes share the work instead of queueing on it.
 */
export function lockPeopleWithoutTailHash(trx: Executor, limit: number) {
  return trx
    .selectFrom('person')
    .select(['id', 'id_number_enc'])
    .where('id_tail_hash', 'is', null)
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Writes the blind indexes of a batch in one statement; a row filled meanwhile is left as it is. */
export async function setIdTailHashes(trx: Executor, rows: ReadonlyArray<{ id: string; hash: string }>) {
  if (rows.length === 0) return 0;
  const r = await sql`
    update person p set id_tail_hash = v.hash
    from unnest(${rows.map((x) => x.id)}::uuid[], ${rows.map((x) => x.hash)}::text[]) as v(id, hash)
    where p.id = v.id and p.id_tail_hash is null`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

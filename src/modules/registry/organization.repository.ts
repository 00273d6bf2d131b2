import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { OrganizationTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText, nameAndAddress } from '../../db/text-search.js';

export type OrganizationRow = Selectable<OrganizationTable>;

export function findOrganization(db: Executor, scope: Scope, id: string): Promise<OrganizationRow | undefined> {
  return db
    .selectFrom('organization')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findOrganizationGrid(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('organization')
    .select('grid_code')
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

export function findOrganizationVersion(db: Executor, scope: Scope, id: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'county_code', 'grid_code', 'version'])
    .where('id', '=', id)
    .where(inScope(scope, 'grid_code'))
    .executeTakeFirst();
}

/** Unscoped on purpose: a credit code is unique across the installation. */
export async function creditCodeTaken(db: Executor, creditCode: string): Promise<boolean> {
  return (
    (await db.selectFrom('organization').select('id').where('credit_code', '=', creditCode).executeTakeFirst()) !==
    undefined
  );
}

export function insertOrganization(db: Executor, values: Insertable<OrganizationTable>): Promise<OrganizationRow> {
  return db.insertInto('organization').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateOrganization(
  db: Executor,
  id: string,
  set: Updateable<OrganizationTable>,
): Promise<OrganizationRow> {
  return db.updateTable('organization').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function setOrganizationVersion(db: Executor, id: string, version: number, now: Date): Promise<number> {
  const v = await db
    .updateTable('organization')
    .set({ version, updated_at: now })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();
  return v.version;
}

export function listOrganizations(
  db: Executor,
  scope: Scope,
  gridPrefix: string,
  opts: { q?: string; kind?: string; limit: number; offset: number },
) {
  let q = db
    .selectFrom('organization')
    .selectAll()
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${gridPrefix}%`);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.q) q = q.where(containsText(nameAndAddress(), opts.q));
  return q.orderBy('name').orderBy('id').limit(opts.limit).offset(opts.offset).execute();
}

export interface LocatedOrganization {
  id: string;
  name: string;
  kind: string;
  status: string;
  grid_code: string;
  lng: number;
  lat: number;
  version: number;
}

/** Located organisations under an area, for the map layer. */
export function listLocatedOrganizations(db: Executor, scope: Scope, gridPrefix: string, limit: number) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'kind', 'status', 'grid_code', 'lng', 'lat', 'version'])
    .where(inScope(scope, 'grid_code'))
    .where('grid_code', 'like', `${gridPrefix}%`)
    .where('lng', 'is not', null)
    .where('lat', 'is not', null)
    .orderBy('name')
    .limit(limit)
    .execute() as Promise<LocatedOrganization[]>;
}

export function listMembers(db: Executor, organizationId: string) {
  return db
    .selectFrom('organization_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.id', 'm.role', 'm.started_at', 'p.id as person_id', 'p.name'])
    .where('m.organization_id', '=', organizationId)
    .where('m.ended_at', 'is', null)
    .orderBy('p.name')
    .execute();
}

export async function isActiveMember(db: Executor, organizationId: string, personId: string): Promise<boolean> {
  const r = await db
    .selectFrom('organization_member')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertMember(
  db: Executor,
  m: { countyCode: string; organizationId: string; personId: string; role: string; startedAt: Date },
): Promise<void> {
  await db
    .insertInto('organization_member')
    .values({
      county_code: m.countyCode,
      organization_id: m.organizationId,
      person_id: m.personId,
      role: m.role,
      started_at: m.startedAt,
    })
    .execute();
}

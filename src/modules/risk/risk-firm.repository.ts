import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RiskFirmRatingTable, RiskFirmTable } from '../../db/schema.js';
import { inScope, type Scope } from '../../db/scope.js';

export function findFirm(db: Executor, id: string) {
  return db.selectFrom('risk_firm').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockFirm(db: Executor, id: string) {
  return db.selectFrom('risk_firm').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findFirmName(db: Executor, id: string) {
  return db.selectFrom('risk_firm').select('name').where('id', '=', id).executeTakeFirstOrThrow();
}

/** The firm as a matter's page names it. */
export function findFirmBrief(db: Executor, id: string) {
  return db.selectFrom('risk_firm').select(['id', 'name', 'credit_code']).where('id', '=', id).executeTakeFirst();
}

export function findFirmByCreditCode(db: Executor, creditCode: string) {
  return db.selectFrom('risk_firm').select('id').where('credit_code', '=', creditCode).executeTakeFirst();
}

/** Another firm than `id` registered with the credit code. */
export function findOtherFirmByCreditCode(db: Executor, creditCode: string, id: string) {
  return db
    .selectFrom('risk_firm')
    .select('id')
    .where('credit_code', '=', creditCode)
    .where('id', '<>', id)
    .executeTakeFirst();
}

export function insertFirm(db: Executor, values: Insertable<RiskFirmTable>) {
  return db.insertInto('risk_firm').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateFirm(db: Executor, id: string, set: Updateable<RiskFirmTable>) {
  return db.updateTable('risk_firm').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Every firm with its open and total assignments and its average rating, by name. */
export function listFirmsWithWorkload(db: Executor) {
  return db
    .selectFrom('risk_firm as f')
    .select([
      'f.id',
      'f.name',
      'f.credit_code',
      'f.qualifications',
      'f.staff_count',
      'f.contact',
      'f.ties',
      'f.status',
      sql<number>`(select count(*)::int from risk_matter m where m.firm_id = f.id and m.closed_at is null and m.stage not in ('monitor', 'closed'))`.as(
        'open_count',
      ),
      sql<number>`(select count(*)::int from risk_matter m where m.firm_id = f.id)`.as('total_count'),
      sql<
        number | null
      >`(select round(avg(r.score)::numeric, 2)::float8 from risk_firm_rating r where r.firm_id = f.id)`.as(
        'avg_rating',
      ),
      sql<number>`(select count(*)::int from risk_firm_rating r where r.firm_id = f.id)`.as('rating_count'),
    ])
    .orderBy('f.name')
    .execute();
}

/** The firm's matters inside the scope, newest first, with the rating each earned. */
export function listFirmHistory(db: Executor, scope: Scope, firmId: string) {
  return db
    .selectFrom('risk_matter as m')
    .leftJoin('risk_firm_rating as r', 'r.matter_id', 'm.id')
    .select(['m.id', 'm.number', 'm.title', 'm.stage', 'm.decision', 'm.created_at', 'r.score', 'r.comment'])
    .where('m.firm_id', '=', firmId)
    .where(inScope(scope, 'm.area_code'))
    .orderBy('m.created_at', 'desc')
    .limit(100)
    .execute();
}

/** The rating of the firm's work on a matter. */
export function findMatterRating(db: Executor, matterId: string) {
  return db.selectFrom('risk_firm_rating').selectAll().where('matter_id', '=', matterId).executeTakeFirst();
}

export function findMatterRatingId(db: Executor, matterId: string) {
  return db.selectFrom('risk_firm_rating').select('id').where('matter_id', '=', matterId).executeTakeFirst();
}

export async function insertFirmRating(db: Executor, values: Insertable<RiskFirmRatingTable>): Promise<void> {
  await db.insertInto('risk_firm_rating').values(values).execute();
}

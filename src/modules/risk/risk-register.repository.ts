import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { RiskConsultationTable, RiskGradingTable, RiskOpinionTable, RiskPointTable } from '../../db/schema.js';

// The assessor's record of a matter: consultations and their opinions, risk points, gradings.

export function insertConsultation(db: Executor, values: Insertable<RiskConsultationTable>) {
  return db.insertInto('risk_consultation').values(values).returning('id').executeTakeFirstOrThrow();
}

export function listConsultations(db: Executor, matterId: string) {
  return db
    .selectFrom('risk_consultation')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('held_on')
    .orderBy(sql`seq`)
    .execute();
}

export async function insertOpinions(db: Executor, values: ReadonlyArray<Insertable<RiskOpinionTable>>): Promise<void> {
  await db.insertInto('risk_opinion').values(values).execute();
}

export function listOpinions(db: Executor, matterId: string) {
  return db.selectFrom('risk_opinion').selectAll().where('matter_id', '=', matterId).orderBy(sql`seq`).execute();
}

export function findOpinion(db: Executor, matterId: string, opinionId: string) {
  return db
    .selectFrom('risk_opinion')
    .selectAll()
    .where('id', '=', opinionId)
    .where('matter_id', '=', matterId)
    .executeTakeFirst();
}

export async function answerOpinion(
  db: Executor,
  opinionId: string,
  answer: { adopted: boolean; response: string | null },
): Promise<void> {
  await db
    .updateTable('risk_opinion')
    .set({ adopted: answer.adopted, response: answer.response })
    .where('id', '=', opinionId)
    .execute();
}

export function listPoints(db: Executor, matterId: string) {
  return db.selectFrom('risk_point').selectAll().where('matter_id', '=', matterId).orderBy(sql`seq`).execute();
}

export function findPoint(db: Executor, matterId: string, pointId: string) {
  return db
    .selectFrom('risk_point')
    .selectAll()
    .where('id', '=', pointId)
    .where('matter_id', '=', matterId)
    .executeTakeFirst();
}

export function insertPoint(db: Executor, values: Insertable<RiskPointTable>) {
  return db.insertInto('risk_point').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updatePoint(db: Executor, pointId: string, set: Updateable<RiskPointTable>): Promise<void> {
  await db.updateTable('risk_point').set(set).where('id', '=', pointId).execute();
}

/** Deletes the matter's point, returning it (undefined when it is not the matter's). */
export function deletePoint(db: Executor, matterId: string, pointId: string) {
  return db
    .deleteFrom('risk_point')
    .where('id', '=', pointId)
    .where('matter_id', '=', matterId)
    .returningAll()
    .executeTakeFirst();
}

export function listGradings(db: Executor, matterId: string) {
  return db.selectFrom('risk_grading').selectAll().where('matter_id', '=', matterId).orderBy(sql`seq`).execute();
}

export function insertGrading(db: Executor, values: Insertable<RiskGradingTable>) {
  return db.insertInto('risk_grading').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Compile-time proof that the hand-written schema (schema.ts) matches the migrated database (generated.ts, written by
 * `npm run db:types`). `tsc -p .` fails here, naming `table` or `table.column`, when a table or column exists in one
 * and not the other, or when a hand-written column's select, insert or update type is not assignable to the
 * database's, or when the two disagree on whether the column is nullable. No runtime code.
 * A json column's select type and nullability are not compared: kysely-codegen types it as JsonValue, which already
 * includes null, and schema.ts types it by its content.
 */
import type { InsertType, SelectType, UpdateType } from 'kysely';
import type { JsonObject, DB as Sql } from './generated.js';
import type { DB as Hand } from './schema.js';

type Shared = keyof Hand & keyof Sql;

type Fits<A, B> = [A] extends [B] ? true : false;
type Nullable<T> = null extends T ? true : false;
/** A json column is typed by its content in schema.ts; the database only knows it is json. */
type IsJson<S> = [JsonObject] extends [S] ? true : false;

type ColumnFits<H, S> =
  IsJson<SelectType<S>> extends true
    ? Fits<InsertType<H>, InsertType<S>> extends false
      ? false
      : Fits<UpdateType<H>, UpdateType<S>>
    : Fits<SelectType<H>, SelectType<S>> extends false
      ? false
      : Fits<InsertType<H>, InsertType<S>> extends false
        ? false
        : Fits<UpdateType<H>, UpdateType<S>> extends false
          ? false
          : Fits<Nullable<SelectType<H>>, Nullable<SelectType<S>>>;

/** Pairs [table, column]; `Label` turns them into 'table.column' (so that tsc prints the names, not an alias). */
type ColumnsOnlyIn<A, B> = {
  [T in Shared]: [T, Exclude<keyof A[T & keyof A], keyof B[T & keyof B]>];
}[Shared];

type Misfits = {
  [T in Shared]: {
    [C in keyof Hand[T] & keyof Sql[T]]: ColumnFits<Hand[T][C], Sql[T][C]> extends true ? never : [T, C];
  }[keyof Hand[T] & keyof Sql[T]];
}[Shared];

type Label<P> = P extends [infer T extends string, infer C extends string] ? `${T}.${C}` : never;

/** The type of each constant below is 'in step' only while the union is empty; otherwise tsc prints the union. */
type InStep<Drift> = [Drift] extends [never] ? 'in step' : Drift;

export const tablesOnlyInSchemaTs: InStep<Exclude<keyof Hand, keyof Sql>> = 'in step';
export const tablesOnlyInMigrations: InStep<Exclude<keyof Sql, keyof Hand>> = 'in step';
export const columnsOnlyInSchemaTs: InStep<Label<ColumnsOnlyIn<Hand, Sql>>> = 'in step';
export const columnsOnlyInMigrations: InStep<Label<ColumnsOnlyIn<Sql, Hand>>> = 'in step';
export const columnTypesNotFittingTheDatabase: InStep<Label<Misfits>> = 'in step';

import { type Expression, type SqlBool, sql } from 'kysely';
import { subtreePrefix } from '../kernel/area-code.js';
import type { AreaLevel } from './schema.js';

/**
 * A user's area scope: the subtree under one area node. Repositories take a Scope for every read
 * of area-bound rows and add `inScope` to the WHERE clause, so a handler cannot forget it; a row
 * outside the scope is simply not found, which the HTTP layer reports as 404.
 */
export interface Scope {
  code: string;
  level: AreaLevel;
  prefix: string;
}

export function scopeOf(code: string, level: AreaLevel): Scope {
  return { code, level, prefix: subtreePrefix(code, level) };
}

/** `column LIKE 'prefix%'`; codes are digits only, so the prefix needs no escaping. */
export function inScope(scope: Scope, column: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`${scope.prefix}%`}`;
}

/** The TypeScript twin of `inScope`: whether an area code (or area prefix) lies in the scope's subtree. */
export function withinScope(scope: Scope, code: string): boolean {
  return code.startsWith(scope.prefix);
}

/** System jobs and the seeder act on the whole installation. */
export const UNRESTRICTED: Scope = { code: '', level: 'city', prefix: '' };

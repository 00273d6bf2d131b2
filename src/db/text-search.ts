import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Chinese substring match that uses the fq_grams GIN indexes (see migration 0002): the gram
 * containment narrows the rows through the index, the ILIKE recheck makes the answer exact. `expr`
 * must be written exactly as in the index definition, e.g. sql.ref('p.name') for fq_grams(name).
 */
export function containsText(expr: RawBuilder<unknown> | ReturnType<typeof sql.ref>, q: string): Expression<SqlBool> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`(fq_grams(${expr}) @> fq_query_grams(${q}) and ${expr} ilike ${pattern})`;
}

/** name || ' ' || address, as the place and organisation indexes are built. */
export function nameAndAddress(alias?: string): RawBuilder<unknown> {
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  return sql`${col('name')} || ' ' || ${col('address')}`;
}

import type { Db } from '../../db/database.js';
import { sql } from 'kysely';
import { inScope, type Scope } from '../../db/scope.js';
import { containsText, nameAndAddress } from '../../db/text-search.js';
import type { PersonService } from './person.service.js';

export interface SearchHit {
  type: 'person' | 'household' | 'house' | 'place' | 'organization';
  id: string;
  title: string;
  subtitle: string;
  gridCode: string;
}

/**
 * One search box over the registry: people by name, ID number (exact or last 4) or phone; houses,
 * households, places and organisations by name, address fragment or credit code. Every branch is
 * cut to the caller's scope and uses a trigram or hash index.
 */
export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly people: PersonService,
  ) {}

  async search(scope: Scope, q: string, opts: { gridPrefix?: string; limit: number }): Promise<SearchHit[]> {
    const prefix = opts.gridPrefix ?? scope.prefix;
    const limit = opts.limit;
    const nameLike = !/^\d+[Xx]?$/.test(q);
    const [people, households, houses, places, orgs] = await Promise.all([
      this.people.list(scope, { q, gridPrefix: prefix, limit }),
      nameLike
        ? this.db.selectFrom('household').select(['id', 'number', 'address', 'grid_code']).where(inScope(scope, 'grid_code')).where('grid_code', 'like', `${prefix}%`).where(containsText(sql.ref('address'), q)).limit(limit).execute()
        : [],
      nameLike
        ? this.db.selectFrom('house').select(['id', 'address', 'use', 'grid_code']).where(inScope(scope, 'grid_code')).where('grid_code', 'like', `${prefix}%`).where(containsText(sql.ref('address'), q)).limit(limit).execute()
        : [],
      nameLike
        ? this.db.selectFrom('place').select(['id', 'name', 'address', 'grid_code']).where(inScope(scope, 'grid_code')).where('grid_code', 'like', `${prefix}%`).where(containsText(nameAndAddress(), q)).limit(limit).execute()
        : [],
      this.db
        .selectFrom('organization')
        .select(['id', 'name', 'address', 'credit_code', 'grid_code'])
        .where(inScope(scope, 'grid_code'))
        .where('grid_code', 'like', `${prefix}%`)
        .where((eb) => (q.length === 18 ? eb('credit_code', '=', q.toUpperCase()) : containsText(nameAndAddress(), q)))
        .limit(limit)
        .execute(),
    ]);
    return [
      ...people.map((p) => ({ type: 'person' as const, id: p.id, title: p.name, subtitle: `${p.idNumberMasked}${p.phoneMasked ? ` · ${p.phoneMasked}` : ''}`, gridCode: p.gridCode })),
      ...households.map((h) => ({ type: 'household' as const, id: h.id, title: h.address, subtitle: h.number, gridCode: h.grid_code })),
      ...houses.map((h) => ({ type: 'house' as const, id: h.id, title: h.address, subtitle: h.use, gridCode: h.grid_code })),
      ...places.map((p) => ({ type: 'place' as const, id: p.id, title: p.name, subtitle: p.address, gridCode: p.grid_code })),
      ...orgs.map((o) => ({ type: 'organization' as const, id: o.id, title: o.name, subtitle: o.credit_code ?? o.address, gridCode: o.grid_code })),
    ].slice(0, limit * 2);
  }
}

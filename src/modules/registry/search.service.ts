import type { Db } from '../../db/database.js';
import type { Scope } from '../../db/scope.js';
import type { PersonService } from './person.service.js';
import * as search from './search.repository.js';

export type SearchRows = Awaited<ReturnType<SearchService['search']>>;

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

  async search(scope: Scope, q: string, opts: { gridPrefix?: string; limit: number }) {
    const prefix = opts.gridPrefix ?? scope.prefix;
    const limit = opts.limit;
    // A query of digits is an ID number, a phone or a tail of one: only people and credit codes can match.
    const nameLike = !/^\d+[Xx]?$/.test(q);
    const [people, households, houses, places, organizations] = await Promise.all([
      this.people.list(scope, { q, gridPrefix: prefix, limit }),
      nameLike ? search.searchHouseholdAddresses(this.db, scope, prefix, q, limit) : [],
      nameLike ? search.searchHouseAddresses(this.db, scope, prefix, q, limit) : [],
      nameLike ? search.searchPlaces(this.db, scope, prefix, q, limit) : [],
      search.searchOrganizations(this.db, scope, prefix, q, limit),
    ]);
    return { people, households, houses, places, organizations };
  }
}

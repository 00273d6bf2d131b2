import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './map-tile.repository.js';
import type { EventFilter } from './tiles-filter.js';

const filter: EventFilter = {
  categories: ['01', '0403'],
  statuses: ['reported', 'handling'],
  channels: ['grid'],
  level: null,
  from: '2025-02',
  to: '2026-01',
};
const box = { west: 100.4, south: 38.9, east: 100.5, north: 39.0 };

export default sqlSnapshot('map-tile', repo, {
  areaCellSums: (db) => repo.areaCellSums(db, ['620702100', '620702101'], filter),
  clusterCountsFromEvents: (db) =>
    repo.clusterCountsFromEvents(db, SAMPLE.countyScope, { ...filter, level: 'village' }, 'township', ['620702100']),
  clusterCountsFromCells: (db) => repo.clusterCountsFromCells(db, ['620702100', '620702101'], filter, [1, 5, 21]),
  eventPointCells: (db) => repo.eventPointCells(db, SAMPLE.countyScope, filter, box),
});

import { SAMPLE, sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './map-registry.repository.js';

export default sqlSnapshot('map-registry', repo, {
  countsPerGrid: (db) => repo.countsPerGrid(db, 'cameras'),
  pointsInBox: (db) =>
    repo.pointsInBox(db, SAMPLE.countyScope, 'places', { west: 100.4, south: 38.9, east: 100.5, north: 39.0 }),
  residentsPerGrid: (db) => repo.residentsPerGrid(db),
  specialTagsPerGrid: (db) => repo.specialTagsPerGrid(db, SAMPLE.now),
});

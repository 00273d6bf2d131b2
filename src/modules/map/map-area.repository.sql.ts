import { sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './map-area.repository.js';

export default sqlSnapshot('map-area', repo, {
  areaVersion: (db) => repo.areaVersion(db),
  activeAreaShapes: (db) => repo.activeAreaShapes(db),
  gridOutlinesInBox: (db) =>
    repo.gridOutlinesInBox(db, { minLng: 100.4, minLat: 38.9, maxLng: 100.5, maxLat: 39.0 }, 3000),
  placesByName: (db) => repo.placesByName(db, '南华', 10),
});

import { sqlSnapshot } from '../../db/sql-snapshot.js';
import * as repo from './map-fold.repository.js';

export default sqlSnapshot('map-fold', repo, {
  foldMapCells: (db) => repo.foldMapCells(db),
});

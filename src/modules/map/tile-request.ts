import type { Scope } from '../../db/scope.js';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../kernel/gcj02.js';
import { project, type TileBox, tileBox } from './tiles.js';

/** One tile asked for by one user: the scope bounds every query of it. */
export interface TileRequest {
  scope: Scope;
  z: number;
  x: number;
  y: number;
  /** Draw over a GCJ-02 base map: positions are converted before projection. */
  gcj02: boolean;
}

/** The scope and tile in SQL terms: codes under the scope, the WGS-84 box to query. */
export function queryBox(r: TileRequest): TileBox {
  const b = tileBox(r.z, r.x, r.y);
  if (!r.gcj02) return b;
  // The GCJ-02 tile covers a slightly shifted WGS-84 box; the offset varies little across a tile.
  const [w, s] = gcj02ToWgs84(b.west, b.south);
  const [e, n] = gcj02ToWgs84(b.east, b.north);
  return { west: w, south: s, east: e, north: n };
}

/** A WGS-84 position in tile coordinates, shifted to GCJ-02 first when the base map is. */
export function tilePosition(r: TileRequest, lng: number, lat: number): [number, number] {
  const [x, y] = r.gcj02 ? wgs84ToGcj02(lng, lat) : [lng, lat];
  return project(r.z, r.x, r.y, x, y);
}

import { PbfWriter as Pbf } from 'pbf';

/**
 * Web-Mercator tile arithmetic and a Mapbox Vector Tile (MVT 2.1) writer. The writer is small on
 * purpose: our tiles hold points and already-simple polygons, so we need neither geojson-vt's
 * slicing nor its simplification, only projection into the 4096-unit tile grid and the protobuf.
 */
export const EXTENT = 4096;

export interface TileBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export function tileBox(z: number, x: number, y: number): TileBox {
  const n = 2 ** z;
  const lat = (t: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * t) / n))) * 180) / Math.PI;
  return { west: (x / n) * 360 - 180, east: ((x + 1) / n) * 360 - 180, north: lat(y), south: lat(y + 1) };
}

/** A position in tile units (may fall outside 0..EXTENT for geometry that crosses the edge). */
export function project(z: number, x: number, y: number, lng: number, lat: number): [number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  const wx = ((lng + 180) / 360) * n;
  const wy = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n;
  return [Math.round((wx - x) * EXTENT), Math.round((wy - y) * EXTENT)];
}

export function validTile(z: number, x: number, y: number): boolean {
  const n = 2 ** z;
  return (
    Number.isInteger(z) &&
    z >= 0 &&
    z <= 22 &&
    Number.isInteger(x) &&
    Number.isInteger(y) &&
    x >= 0 &&
    y >= 0 &&
    x < n &&
    y < n
  );
}

export type PropValue = string | number | boolean;
export interface TileFeature {
  id?: number;
  /** 1 point, 3 polygon (MVT geometry types). */
  type: 1 | 3;
  /** Points: one ring of positions; polygons: rings, exterior first, in tile units. */
  rings: Array<Array<[number, number]>>;
  /** Polygons: which rings are exteriors (a multipolygon has several); default: only the first. */
  exterior?: boolean[];
  props: Record<string, PropValue | null | undefined>;
}
export interface TileLayer {
  name: string;
  features: TileFeature[];
}

const cmd = (id: number, count: number) => (count << 3) | (id & 7);
const zz = (n: number) => (n << 1) ^ (n >> 31);

/** Shoelace sum in tile coordinates (y down): positive for what MVT calls an exterior ring. */
function ringArea(ring: Array<[number, number]>): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return s;
}

/** Drops repeated positions (quantisation makes many at low zoom) and the closing position. */
function cleanRing(ring: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1]) out.pop();
  return out;
}

function geometry(f: TileFeature): number[] {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  const moveTo = (p: [number, number]) => {
    out.push(zz(p[0] - cx), zz(p[1] - cy));
    cx = p[0];
    cy = p[1];
  };
  if (f.type === 1) {
    const pts = f.rings[0] ?? [];
    out.push(cmd(1, pts.length));
    for (const p of pts) moveTo(p);
    return out;
  }
  f.rings.forEach((raw, i) => {
    let ring = cleanRing(raw);
    if (ring.length < 3) return;
    const area = ringArea(ring);
    if (area === 0) return;
    // MVT: exterior rings have positive area, holes negative.
    if ((f.exterior?.[i] ?? i === 0) !== area > 0) ring = ring.slice().reverse();
    out.push(cmd(1, 1));
    moveTo(ring[0]!);
    out.push(cmd(2, ring.length - 1));
    for (const p of ring.slice(1)) moveTo(p);
    out.push(cmd(7, 1));
  });
  return out;
}

function writeValue(v: PropValue, pbf: Pbf) {
  if (typeof v === 'string') pbf.writeStringField(1, v);
  else if (typeof v === 'boolean') pbf.writeBooleanField(7, v);
  else if (Number.isInteger(v)) {
    if (v < 0) pbf.writeSVarintField(6, v);
    else pbf.writeVarintField(5, v);
  } else pbf.writeDoubleField(3, v);
}

function writeLayer(layer: TileLayer, pbf: Pbf) {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const keys = new Map<string, number>();
  const values = new Map<string, { v: PropValue; i: number }>();
  for (const f of layer.features) {
    const geom = geometry(f);
    if (geom.length === 0 || (f.type === 3 && geom.length < 4)) continue;
    const tags: number[] = [];
    for (const [k, v] of Object.entries(f.props)) {
      if (v === null || v === undefined) continue;
      if (!keys.has(k)) keys.set(k, keys.size);
      const vk = `${typeof v}:${v}`;
      if (!values.has(vk)) values.set(vk, { v, i: values.size });
      tags.push(keys.get(k)!, values.get(vk)!.i);
    }
    pbf.writeMessage(
      2,
      (_: unknown, p: Pbf) => {
        if (f.id !== undefined) p.writeVarintField(1, f.id);
        p.writePackedVarint(2, tags);
        p.writeVarintField(3, f.type);
        p.writePackedVarint(4, geom);
      },
      null,
    );
  }
  for (const k of keys.keys()) pbf.writeStringField(3, k);
  for (const { v } of values.values()) pbf.writeMessage(4, (_: unknown, p: Pbf) => writeValue(v, p), null);
  pbf.writeVarintField(5, EXTENT);
}

export function encodeTile(layers: TileLayer[]): Uint8Array {
  const pbf = new Pbf();
  for (const layer of layers)
    if (layer.features.length) pbf.writeMessage(3, (_: unknown, p: Pbf) => writeLayer(layer, p), null);
  return pbf.finish();
}

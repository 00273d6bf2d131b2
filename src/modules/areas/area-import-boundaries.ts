import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { parseZip } from 'shpjs';
import { gcj02ToWgs84 } from '../../kernel/gcj02.js';
import { type Problem, problem } from './area-import-problems.js';

/** CGCS2000 and WGS-84 differ by centimetres: CGCS2000 is taken as it is. GCJ-02 (the "Mars" datum) is converted. */
export const DATUMS = ['wgs84', 'cgcs2000', 'gcj02'] as const;
export type Datum = (typeof DATUMS)[number];

/** One feature of the boundary file, as read: the geometry is checked later, feature by feature. */
export interface BoundaryFeature {
  /** 1-based position in the file. */
  index: number;
  code: string | null;
  properties: Record<string, unknown>;
  geometry: unknown;
}

export const looksLikeJson = (data: Buffer) =>
  /^\s*[{[]/.test(
    data
      .subarray(0, 64)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
const looksLikeZip = (data: Buffer) => data[0] === 0x50 && data[1] === 0x4b;

/**
 * Whether the buffer ends with a zip's end-of-central-directory record (PK\x05\x06 within the last 64 KiB + 22 bytes).
 * shpjs's unzipper (but-unzip) searches for it with lastIndexOf and a negative start, which wraps around to the end
 * of the buffer: without the record it loops for ever and blocks the process. So a zip without one is refused here.
 */
export function hasZipEnd(data: Buffer): boolean {
  const last = data.length - 22;
  for (let i = last; i >= 0 && i >= last - 65535; i--)
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) return true;
  return false;
}

interface RawFeature {
  properties?: Record<string, unknown> | null;
  geometry?: unknown;
}

function toFeatures(list: readonly unknown[], codeProperty: string): BoundaryFeature[] {
  return list.map((item, i) => {
    // Anything that is not an object is a feature without code or geometry, reported as such.
    const f: RawFeature = item && typeof item === 'object' ? (item as RawFeature) : {};
    const properties = f.properties && typeof f.properties === 'object' ? f.properties : {};
    const raw = properties[codeProperty];
    const code = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
    return { index: i + 1, code: code || null, properties, geometry: f.geometry ?? null };
  });
}

/** A GeoJSON FeatureCollection (or one Feature) from a buffer. */
export function featuresOfGeoJson(
  data: Buffer,
  codeProperty: string,
): { features: BoundaryFeature[] } | { problem: Problem } {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { problem: problem('file', 0, null, 'file_unreadable') };
  }
  const o = json as { type?: unknown; features?: unknown };
  if (o?.type === 'Feature') return { features: toFeatures([json as RawFeature], codeProperty) };
  if (o?.type !== 'FeatureCollection' || !Array.isArray(o.features))
    return { problem: problem('file', 0, null, 'file_unreadable') };
  return { features: toFeatures(o.features as RawFeature[], codeProperty) };
}

/**
 * The boundary file: GeoJSON, a zipped Shapefile (shpjs; a .prj in another coordinate system is reprojected to
 * WGS-84) or KML (togeojson; KML is WGS-84 by definition). The kind is judged by the content.
 */
export async function parseBoundaries(
  data: Buffer,
  codeProperty: string,
): Promise<{ features: BoundaryFeature[] } | { problem: Problem }> {
  if (looksLikeJson(data)) return featuresOfGeoJson(data, codeProperty);
  try {
    if (looksLikeZip(data) && hasZipEnd(data)) {
      const parsed = await parseZip(data);
      const layers = Array.isArray(parsed) ? parsed : [parsed];
      return {
        features: toFeatures(
          layers.flatMap((l) => l.features as RawFeature[]),
          codeProperty,
        ),
      };
    }
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    if (/<kml[\s>]/i.test(text)) {
      const doc = new DOMParser({ onError: () => {} }).parseFromString(text, 'text/xml');
      return { features: toFeatures(kml(doc).features as RawFeature[], codeProperty) };
    }
  } catch {
    // A broken zip or XML is reported like any unreadable file.
  }
  return { problem: problem('file', 0, null, 'file_unreadable') };
}

function mapPositions(value: unknown, f: (lng: number, lat: number) => [number, number]): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length >= 2 && typeof value[0] === 'number' && typeof value[1] === 'number') return f(value[0], value[1]);
  return value.map((v) => mapPositions(v, f));
}

/** The geometry in WGS-84. Position by position, so a closed ring stays closed (and an open one stays open). */
export function toWgs84(geometry: unknown, datum: Datum): unknown {
  if (datum !== 'gcj02' || !geometry || typeof geometry !== 'object') return geometry;
  const g = geometry as { type: unknown; coordinates: unknown };
  return { type: g.type, coordinates: mapPositions(g.coordinates, gcj02ToWgs84) };
}

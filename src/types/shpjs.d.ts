/** shpjs ships no types; the one function the area import calls. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  /** Reads a zipped Shapefile (reprojected to WGS-84 when a .prj names another system). */
  export function parseZip(
    buffer: ArrayBuffer | Uint8Array,
  ): Promise<(FeatureCollection & { fileName?: string }) | Array<FeatureCollection & { fileName?: string }>>;
}

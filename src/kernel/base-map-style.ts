/**
 * The raster part of every map style in the web app, from the server's base-map settings: no source at all without
 * a base map (the platform's own outlines and labels draw the map then), the base layer, and Tianditu's annotation
 * layer above it. Pure, so the server's tests check which URLs a style would load.
 */
export interface BaseMapSettings {
  tiles: string[];
  overlayTiles: string[];
  attribution: string;
}

export interface RasterSource {
  type: 'raster';
  tiles: string[];
  tileSize: 256;
  maxzoom: number;
  attribution?: string;
}

export interface RasterLayer {
  id: string;
  type: 'raster';
  source: string;
}

/** The land colour under the outlines when there is no base map: light and warm, so fills and names stand out. */
export const LAND_COLOUR = '#f3f0e8';

export function baseMapStyleParts(b: BaseMapSettings | null | undefined): {
  sources: Record<string, RasterSource>;
  layers: RasterLayer[];
} {
  const sources: Record<string, RasterSource> = {};
  const layers: RasterLayer[] = [];
  if (!b || b.tiles.length === 0) return { sources, layers };
  // Tianditu and most providers stop at 18; MapLibre over-zooms the last level beyond that.
  sources.base = { type: 'raster', tiles: b.tiles, tileSize: 256, maxzoom: 18, attribution: b.attribution };
  layers.push({ id: 'base', type: 'raster', source: 'base' });
  if (b.overlayTiles.length) {
    sources.baseLabels = { type: 'raster', tiles: b.overlayTiles, tileSize: 256, maxzoom: 18 };
    layers.push({ id: 'base-labels', type: 'raster', source: 'baseLabels' });
  }
  return { sources, layers };
}

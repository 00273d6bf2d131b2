import type { StyleSpecification } from 'maplibre-gl';
import * as maplibregl from 'maplibre-gl';
// The worker ships as a separate module; Vite copies it into the build and gives its URL. Set here, where every
// map of the app takes its style, so that no page depends on another page's module having been loaded.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { baseMapStyleParts, LAND_COLOUR } from '../../../src/kernel/base-map-style.js';
import type { ClientConfig } from '../api/client';

maplibregl.setWorkerUrl(workerUrl);

/**
 * The font families labels are drawn with. The style has no `glyphs` URL on purpose: MapLibre (since 5.11) then
 * draws every character — Chinese names and the digits of counts alike — with TinySDF from these local families, so
 * no label needs a glyph server and nothing leaves the machine. The list covers the CJK fonts of Windows, macOS,
 * Android and Linux desktops; the browser's own fallback takes over when none is installed.
 */
export const LABEL_FONT = [
  'Noto Sans SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'Microsoft YaHei',
  'PingFang SC',
  'WenQuanYi Micro Hei',
  'sans-serif',
];
/** The same families drawn bold: MapLibre takes the weight from the first name. */
export const LABEL_FONT_BOLD = ['Noto Sans SC Bold', ...LABEL_FONT.slice(1)];

/** A style with no external resources: a light land background, plus the raster base map when one is configured. */
export function baseStyle(config: ClientConfig | null): StyleSpecification {
  const raster = baseMapStyleParts(config?.baseMap);
  return {
    version: 8,
    sources: { ...raster.sources },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': LAND_COLOUR } }, ...raster.layers],
  };
}

/** Whether the map has a base map under the platform's layers. */
export const hasBaseMap = (config: ClientConfig | null) => (config?.baseMap.tiles.length ?? 0) > 0;

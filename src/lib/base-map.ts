/**
 * The optional raster base map: either one tile URL template of the deployment's own (BASE_MAP_TILE_URL) or the
 * official 天地图 (Tianditu) WMTS with its key. Tianditu serves CGCS2000, which the platform takes as WGS-84 (the
 * difference is centimetres), so its tiles need no shift, unlike a GCJ-02 base map.
 */
export type BaseMapCoords = 'wgs84' | 'gcj02';
export type TiandituLayer = 'vec' | 'img' | 'ter';

export interface BaseMap {
  /** The deployment's single template, kept for older clients; empty with Tianditu or without a base map. */
  tileUrl: string;
  coords: BaseMapCoords;
  attribution: string;
  /** Raster tile URLs of the base layer (MapLibre spreads requests over them); empty: no base map. */
  tiles: string[];
  /** Raster tile URLs of a transparent annotation layer drawn above the base (Tianditu's place names); may be empty. */
  overlayTiles: string[];
}

/** Tianditu's annotation layer for each base layer: 矢量注记, 影像注记, 地形注记. */
const ANNOTATION: Record<TiandituLayer, string> = { vec: 'cva', img: 'cia', ter: 'cta' };
/** Tianditu balances its load over eight hosts t0 … t7. */
const HOSTS = [0, 1, 2, 3, 4, 5, 6, 7];
export const TIANDITU_ATTRIBUTION = '© 天地图 国家地理信息公共服务平台';

/** The web-Mercator (`_w`) WMTS GetTile URLs of one Tianditu layer, one per host, in MapLibre's {z}/{x}/{y} terms. */
export function tiandituUrls(layer: string, key: string): string[] {
  const params = new URLSearchParams({
    SERVICE: 'WMTS',
    REQUEST: 'GetTile',
    VERSION: '1.0.0',
    LAYER: layer,
    STYLE: 'default',
    TILEMATRIXSET: 'w',
    FORMAT: 'tiles',
    tk: key,
  });
  // The placeholders must stay unescaped for MapLibre to fill them.
  const query = `${params}&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}`;
  return HOSTS.map((h) => `https://t${h}.tianditu.gov.cn/${layer}_w/wmts?${query}`);
}

/** The base map from the configuration: Tianditu when a key is set, else the deployment's template, else none. */
export function baseMapOf(e: {
  tileUrl: string;
  coords: BaseMapCoords;
  attribution: string;
  tiandituKey: string;
  tiandituLayer: TiandituLayer;
}): BaseMap {
  if (e.tiandituKey) {
    return {
      tileUrl: '',
      coords: 'wgs84',
      attribution: e.attribution || TIANDITU_ATTRIBUTION,
      tiles: tiandituUrls(e.tiandituLayer, e.tiandituKey),
      overlayTiles: tiandituUrls(ANNOTATION[e.tiandituLayer], e.tiandituKey),
    };
  }
  return {
    tileUrl: e.tileUrl,
    coords: e.coords,
    attribution: e.attribution,
    tiles: e.tileUrl ? [e.tileUrl] : [],
    overlayTiles: [],
  };
}

import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { LABEL_FONT, LABEL_FONT_BOLD } from '../../map/baseStyle';

/** What the grid colours can show; each is a property of the server's `areas` tile features. */
export const MEASURES = ['open', 'events', 'overdueShare', 'disputesPer1000', 'visitCompliance', 'population'] as const;
export type Measure = (typeof MEASURES)[number];
/** Measures where a higher value is better (the ramp runs red → green instead). */
const GOOD_HIGH = new Set<Measure>(['visitCompliance']);
const RAMP = ['#fff3d6', '#fdd08a', '#f99a4f', '#e4572e', '#a61b1b'];

export interface MapFilters {
  category: string;
  status: string;
  channel: string;
  level: string;
  months: number;
}

export const REGISTRY_COLORS: Record<string, string> = {
  places: '#7b3fa0',
  cameras: '#0f766e',
  hazards: '#c2410c',
  facilities: '#64748b',
  organizations: '#1d4ed8',
};

const month = (d: Date, back: number) => {
  const m = d.getFullYear() * 12 + d.getMonth() - back;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

/** The tile URL templates; filters go in the query string so that every filter has its own cached tiles. */
export function tileUrls(f: MapFilters, gcj02: boolean, kinds: string[]) {
  const now = new Date();
  const window = `from=${month(now, f.months - 1)}&to=${month(now, 0)}`;
  const coords = gcj02 ? '&coords=gcj02' : '';
  const ev = new URLSearchParams();
  if (f.category) ev.set('category', f.category);
  if (f.status) ev.set('status', f.status);
  if (f.channel) ev.set('channel', f.channel);
  if (f.level) ev.set('level', f.level);
  const base = `${location.origin}/api/map/tiles`;
  return {
    areas: `${base}/areas/{z}/{x}/{y}?${window}${coords}`,
    events: `${base}/events/{z}/{x}/{y}?${window}${coords}${ev.size ? `&${ev}` : ''}`,
    registry: `${base}/registry/{z}/{x}/{y}?kinds=${kinds.join(',') || 'places'}${coords}`,
  };
}

export const vectorSource = (url: string): SourceSpecification => ({
  type: 'vector',
  tiles: [url],
  minzoom: 5,
  maxzoom: 16,
});

/** Quantile breaks of the values in view: five classes, so every level (county … grid) gets a readable spread. */
export function breaksOf(values: number[]): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return [];
  const out: number[] = [];
  for (let i = 1; i < 5; i++) {
    const b = v[Math.floor((i / 5) * v.length)]!;
    if (b > v[0]! && (!out.length || b > out[out.length - 1]!)) out.push(b);
  }
  return out;
}

export function rampOf(measure: Measure): string[] {
  return GOOD_HIGH.has(measure) ? [...RAMP].reverse() : RAMP;
}

export function fillColor(measure: Measure, breaks: number[]): ExpressionSpecification {
  const ramp = rampOf(measure);
  const value: ExpressionSpecification = ['to-number', ['get', measure], -1];
  const steps: Array<number | string> = [];
  breaks.forEach((b, i) => {
    steps.push(b, ramp[Math.min(i + 1, 4)]!);
  });
  return [
    'case',
    ['<', value, 0],
    '#e5e7eb',
    steps.length ? (['step', value, ramp[0]!, ...steps] as unknown as ExpressionSpecification) : ramp[0]!,
  ];
}

const clusterRadius: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['ln', ['+', ['to-number', ['get', 'n']], 1]],
  // Large enough at the low end for the count drawn inside it.
  0,
  9,
  4,
  12,
  8,
  17,
  12,
  24,
  16,
  30,
];

const count: ExpressionSpecification = ['to-number', ['get', 'n']];
const oneDecimal = (divisor: number): ExpressionSpecification => [
  'number-format',
  ['/', count, divisor],
  { 'max-fraction-digits': 1, locale: 'en' },
];

/** A cluster's count as read aloud: 9,876 → 9876; 12,345 → 1.2万 (zh) or 12.3k (en); 1.5亿 / 1.5M beyond. */
export function countLabel(lang: 'zh-CN' | 'en'): ExpressionSpecification {
  if (lang === 'zh-CN')
    return [
      'case',
      ['>=', count, 100_000_000],
      ['concat', oneDecimal(100_000_000), '亿'],
      ['>=', count, 10_000],
      ['concat', oneDecimal(10_000), '万'],
      ['to-string', count],
    ];
  return [
    'case',
    ['>=', count, 1_000_000],
    ['concat', oneDecimal(1_000_000), 'M'],
    ['>=', count, 1_000],
    ['concat', oneDecimal(1_000), 'k'],
    ['to-string', count],
  ];
}

const byLevel = <T extends number | string>(county: T, township: T, village: T, grid: T): ExpressionSpecification => [
  'match',
  ['get', 'level'],
  'county',
  county,
  'township',
  township,
  'village',
  village,
  grid,
];

/** The names of the areas drawn at the zoom (counties at city zoom … grids at street zoom), at their label points. */
export const areaLabelLayer: LayerSpecification = {
  id: 'area-labels',
  type: 'symbol',
  source: 'areas',
  'source-layer': 'labels',
  layout: {
    'text-field': ['get', 'name'],
    'text-font': ['step', ['zoom'], ['literal', LABEL_FONT_BOLD], 9, ['literal', LABEL_FONT]],
    'text-size': byLevel(16, 14, 13, 12),
    // The cluster circle sits on the same point: the name goes beside it, on whichever side has room.
    'text-variable-anchor': ['top', 'bottom', 'right', 'left'],
    'text-radial-offset': 1.2,
    'text-justify': 'auto',
    'text-max-width': 7,
    'text-padding': 3,
  },
  paint: {
    'text-color': '#1f2a37',
    'text-halo-color': 'rgba(255,255,255,0.92)',
    'text-halo-width': 1.8,
  },
};

export function mapLayers(measure: Measure, lang: 'zh-CN' | 'en' = 'zh-CN'): LayerSpecification[] {
  return [
    {
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': 'areas',
      paint: {
        'fill-color': fillColor(measure, []),
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.85, 0.62],
      },
    },
    {
      id: 'areas-line',
      type: 'line',
      source: 'areas',
      'source-layer': 'areas',
      // Outlines by level, dark enough to read without a base map: a county line is heavier than a grid line.
      paint: {
        'line-color': byLevel('#3f4a5a', '#4b5563', '#6b7280', '#7c8594'),
        'line-width': byLevel(2.2, 1.6, 1.1, 0.8),
        'line-opacity': 0.85,
      },
    },
    {
      id: 'events-heat',
      type: 'heatmap',
      source: 'events',
      'source-layer': 'events',
      layout: { visibility: 'none' },
      paint: {
        'heatmap-weight': ['interpolate', ['linear'], ['ln', ['+', ['to-number', ['get', 'n']], 1]], 0, 0, 12, 1],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 7, 30, 16, 24],
        'heatmap-opacity': 0.8,
      },
    },
    {
      id: 'events-cluster',
      type: 'circle',
      source: 'events',
      'source-layer': 'events',
      // An area with a single event is still an aggregate (no id) until the point zoom.
      filter: ['any', ['>', ['to-number', ['get', 'n']], 1], ['!', ['has', 'id']]],
      paint: {
        'circle-radius': clusterRadius,
        'circle-color': '#0f4c81',
        'circle-opacity': 0.82,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    areaLabelLayer,
    {
      // Above the names, so that placement gives the count its place first; always drawn.
      id: 'events-count',
      type: 'symbol',
      source: 'events',
      'source-layer': 'events',
      filter: ['any', ['>', ['to-number', ['get', 'n']], 1], ['!', ['has', 'id']]],
      layout: {
        'text-field': countLabel(lang),
        'text-font': ['literal', LABEL_FONT_BOLD],
        'text-size': 11,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: 'events-point',
      type: 'circle',
      source: 'events',
      'source-layer': 'events',
      filter: ['all', ['==', ['to-number', ['get', 'n']], 1], ['has', 'id']],
      paint: {
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-color': [
          'match',
          ['get', 'status'],
          ['closed', 'rated'],
          '#59a14f',
          ['rejected'],
          '#9ca3af',
          ['suspended'],
          '#b07aa1',
          '#e15759',
        ],
      },
    },
    {
      id: 'registry-point',
      type: 'circle',
      source: 'registry',
      'source-layer': 'registry',
      paint: {
        'circle-radius': [
          'case',
          ['>', ['to-number', ['get', 'n']], 1],
          ['interpolate', ['linear'], ['ln', ['to-number', ['get', 'n']]], 0, 4, 8, 14],
          4.5,
        ],
        'circle-color': [
          'match',
          ['get', 'kind'],
          'places',
          REGISTRY_COLORS.places!,
          'cameras',
          REGISTRY_COLORS.cameras!,
          'hazards',
          REGISTRY_COLORS.hazards!,
          'organizations',
          REGISTRY_COLORS.organizations!,
          REGISTRY_COLORS.facilities!,
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-opacity': 0.9,
      },
    },
  ];
}

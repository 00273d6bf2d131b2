import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';

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
  0,
  5,
  4,
  10,
  8,
  17,
  12,
  24,
  16,
  30,
];

export function mapLayers(measure: Measure): LayerSpecification[] {
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
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.6, 14, 1] },
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

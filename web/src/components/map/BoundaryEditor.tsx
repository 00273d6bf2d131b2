import type * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, MapLayerMouseEvent, MapLayerTouchEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api';
import { call, client } from '../../api/client';
import { useT } from '../../i18n';
import {
  type EditRing,
  editFeatures,
  geometryOf,
  insertAfter,
  moveVertex,
  type Pos,
  removeVertex,
  ringsOf,
} from '../../map/boundaryEdit';
import { gcj02ToWgs84 } from '../../map/gcj02';

const LAYERS = ['edit-fill', 'edit-line', 'edit-mid', 'edit-vertex'] as const;
type Shape = { type: string; coordinates: unknown };

/**
 * Redraws a grid on the area map: drag a vertex, click an edge's midpoint to add one, select a vertex to remove it,
 * then save with a reason through PATCH /api/areas/:code (which re-grids the elements near the old and new edges).
 * The server's validation errors are shown as it words them.
 */
export function BoundaryEditor({
  map,
  shape,
  code,
  version,
  gcj,
  onDone,
}: {
  map: maplibregl.Map;
  /** The grid's polygon as drawn (shifted to GCJ-02 over such a base map). */
  shape: Shape;
  code: string;
  version: number;
  gcj: boolean;
  onDone(saved: boolean): void;
}) {
  const { t } = useT();
  const [rings, setRings] = useState<EditRing[]>(() => ringsOf(shape));
  const [selected, setSelected] = useState<{ r: number; i: number } | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = useRef({ rings, drag: null as { r: number; i: number } | null });
  state.current.rings = rings;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the layers and handlers are set up once per editing session; state is read through the ref
  useEffect(() => {
    map.addSource('edit', { type: 'geojson', data: editFeatures(shape.type, rings, null) as never });
    map.addLayer({
      id: 'edit-fill',
      type: 'fill',
      source: 'edit',
      filter: ['==', ['get', 'kind'], 'shape'],
      paint: { 'fill-color': '#f59e0b', 'fill-opacity': 0.18 },
    });
    map.addLayer({
      id: 'edit-line',
      type: 'line',
      source: 'edit',
      filter: ['==', ['get', 'kind'], 'shape'],
      paint: { 'line-color': '#b45309', 'line-width': 2, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'edit-mid',
      type: 'circle',
      source: 'edit',
      filter: ['==', ['get', 'kind'], 'mid'],
      paint: {
        'circle-radius': 4,
        'circle-color': '#ffffff',
        'circle-stroke-color': '#b45309',
        'circle-stroke-width': 1.5,
      },
    });
    map.addLayer({
      id: 'edit-vertex',
      type: 'circle',
      source: 'edit',
      filter: ['==', ['get', 'kind'], 'vertex'],
      paint: {
        'circle-radius': ['case', ['get', 'selected'], 8, 6],
        'circle-color': ['case', ['get', 'selected'], '#dc2626', '#b45309'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
    // The whole grid in view above the editor's panel, which covers the bottom of the map.
    const all = rings.flatMap((r) => r.coords);
    const xs = all.map((p) => p[0]);
    const ys = all.map((p) => p[1]);
    map.fitBounds(
      [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs), Math.max(...ys)],
      ],
      { padding: { top: 40, left: 40, right: 40, bottom: 170 }, duration: 0 },
    );
    const start = (e: MapLayerMouseEvent | MapLayerTouchEvent) => {
      const f = e.features?.[0];
      if (!f) return;
      e.preventDefault();
      const at = { r: Number(f.properties.r), i: Number(f.properties.i) };
      state.current.drag = at;
      setSelected(at);
      map.dragPan.disable();
    };
    const move = (e: maplibregl.MapMouseEvent | maplibregl.MapTouchEvent) => {
      const d = state.current.drag;
      if (!d) return;
      setRings(moveVertex(state.current.rings, d.r, d.i, [e.lngLat.lng, e.lngLat.lat]));
    };
    const end = () => {
      if (!state.current.drag) return;
      state.current.drag = null;
      map.dragPan.enable();
    };
    const addMid = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (!f) return;
      const r = Number(f.properties.r);
      const i = Number(f.properties.i);
      setRings(insertAfter(state.current.rings, r, i));
      setSelected({ r, i: i + 1 });
    };
    map.on('mousedown', 'edit-vertex', start);
    map.on('touchstart', 'edit-vertex', start);
    map.on('mousemove', move);
    map.on('touchmove', move);
    map.on('mouseup', end);
    map.on('touchend', end);
    map.on('click', 'edit-mid', addMid);
    return () => {
      map.off('mousedown', 'edit-vertex', start);
      map.off('touchstart', 'edit-vertex', start);
      map.off('mousemove', move);
      map.off('touchmove', move);
      map.off('mouseup', end);
      map.off('touchend', end);
      map.off('click', 'edit-mid', addMid);
      map.dragPan.enable();
      for (const l of LAYERS) if (map.getLayer(l)) map.removeLayer(l);
      if (map.getSource('edit')) map.removeSource('edit');
    };
  }, [map]);

  useEffect(() => {
    (map.getSource('edit') as GeoJSONSource | undefined)?.setData(editFeatures(shape.type, rings, selected) as never);
  }, [map, shape.type, rings, selected]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const toWgs = (p: Pos): Pos => (gcj ? gcj02ToWgs84(p[0], p[1]) : p);
      await call(
        client.PATCH('/api/areas/{code}', {
          params: { path: { code } },
          body: {
            boundary: geometryOf(shape.type, rings, toWgs),
            version,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        }),
      );
      onDone(true);
    } catch (e) {
      setError(
        e instanceof ApiError ? [e.message, ...e.fields.map((f) => `${f.path}: ${f.message}`)].join(' · ') : String(e),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="boundary-editor" data-testid="boundary-editor">
      <p className="muted small">{t('editBoundaryHint')}</p>
      <div className="form-row">
        <button
          type="button"
          className="button"
          disabled={!selected || (rings[selected.r]?.coords.length ?? 0) <= 3}
          onClick={() => {
            if (!selected) return;
            setRings(removeVertex(rings, selected.r, selected.i));
            setSelected(null);
          }}
        >
          {t('removeVertex')}
        </button>
        <input
          name="reason"
          placeholder={t('editReason')}
          aria-label={t('editReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="button" className="primary small" disabled={busy} onClick={() => void save()}>
          {t('saveBoundary')}
        </button>
        <button type="button" className="link-button" onClick={() => onDone(false)}>
          {t('cancelEdit')}
        </button>
      </div>
      {error && (
        <div className="error" role="alert" data-testid="boundary-error">
          {error}
        </div>
      )}
    </div>
  );
}

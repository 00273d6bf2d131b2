import type { z } from 'zod';
import type { AreaLevel, AreaRow } from '../../db/schema.js';
import { type geometry, iso, isoOrNull } from '../../http/common.schemas.js';
import type { AreaSummary } from './area.repository.js';
import { parseBox } from './area-geometry.js';

type AreaRef = { code: string; name: string; level: AreaLevel };

export function presentArea(a: AreaRow) {
  return {
    code: a.code,
    name: a.name,
    level: a.level,
    parentCode: a.parent_code,
    status: a.status,
    countyCode: a.county_code,
    version: a.version,
    center: a.center_lng === null || a.center_lat === null ? null : { lng: a.center_lng, lat: a.center_lat },
    bbox: parseBox(a.bbox),
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    retiredAt: isoOrNull(a.retired_at),
  };
}

export function presentAreaDetail(a: AreaRow, children: AreaSummary[], ancestors: AreaRef[]) {
  return { ...presentArea(a), children: children.map(presentAreaChild), ancestors: ancestors.map(presentAreaRef) };
}

export function presentAreaChild(c: AreaSummary) {
  return { code: c.code, name: c.name, level: c.level, status: c.status, childCount: c.child_count };
}

export function presentAreaRef(a: AreaRef) {
  return { code: a.code, name: a.name, level: a.level };
}

/** A search or locate hit: the reference with its parent. */
export function presentAreaHit(a: AreaRef & { parent_code: string | null }) {
  return { code: a.code, name: a.name, level: a.level, parentCode: a.parent_code };
}

type FeatureSource = Pick<AreaRow, 'code' | 'name' | 'level' | 'boundary' | 'center_lng' | 'center_lat'>;

export function presentAreaFeature(a: FeatureSource, role: 'self' | 'child') {
  return {
    type: 'Feature' as const,
    id: a.code,
    geometry: a.boundary as z.infer<typeof geometry> | null,
    properties: { code: a.code, name: a.name, level: a.level, role, labelLng: a.center_lng, labelLat: a.center_lat },
  };
}

/** The area and its children as one FeatureCollection, the area first. */
export function presentAreaGeometries(area: FeatureSource, children: FeatureSource[]) {
  return {
    type: 'FeatureCollection' as const,
    features: [presentAreaFeature(area, 'self'), ...children.map((c) => presentAreaFeature(c, 'child'))],
  };
}

import { useEffect, useState } from 'react';
import { type AreaDetail, api } from '../../api';
import { call, client } from '../../api/client';
import { useGet } from '../../hooks';
import { type MessageKey, useT } from '../../i18n';
import type { Category } from '../events/types';

export const UNIT_KINDS = ['centre', 'department', 'court', 'police', 'justice_office', 'law_firm', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const CENTRES = ['dispute', 'convenience', 'government', 'operations'] as const;
export type Centre = (typeof CENTRES)[number];

export function useKindLabel() {
  const { t } = useT();
  return (kind: string | null) => (kind ? (t(`unitKind_${kind}` as MessageKey) ?? kind) : '');
}

/** Names of every category code (main and sub) in the UI language; the taxonomy is small. */
export function useCategoryNames() {
  const { lang } = useT();
  const { data } = useGet('/api/event-categories');
  const names = new Map<string, string>();
  for (const c of data ?? []) {
    names.set(c.code, lang === 'en' ? c.nameEn : c.name);
    for (const s of c.children) names.set(s.code, lang === 'en' ? s.nameEn : s.name);
  }
  return { categories: data ?? [], names };
}

// Area names rarely change within a session; one fetch per code is kept for the page's life.
const areaCache = new Map<string, Promise<AreaDetail | null>>();
export function loadArea(code: string): Promise<AreaDetail | null> {
  let p = areaCache.get(code);
  if (!p) {
    p = call(client.GET('/api/areas/{code}', { params: { path: { code } } })).catch(() => null);
    areaCache.set(code, p);
  }
  return p;
}

/** Names of the given area codes, loaded one request per distinct code (rules cover a few areas). */
export function useAreaNames(codes: readonly string[]): Map<string, string> {
  const [names, setNames] = useState(new Map<string, string>());
  const key = [...new Set(codes.filter(Boolean))].sort().join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const list = key.split(',');
    Promise.all(list.map(loadArea)).then((areas) => {
      if (!live) return;
      setNames(new Map(areas.flatMap((a, i) => (a ? [[list[i]!, a.name] as [string, string]] : []))));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return names;
}

/** The children of an area (counties of a city, townships of a county); empty for no code. */
export function useAreaChildren(code: string | null) {
  const [children, setChildren] = useState<AreaDetail['children']>([]);
  useEffect(() => {
    if (!code) return setChildren([]);
    let live = true;
    loadArea(code).then((a) => live && setChildren((a?.children ?? []).filter((c) => c.status === 'active')));
    return () => {
      live = false;
    };
  }, [code]);
  return children;
}

export function FieldError({ fields, path }: { fields: Record<string, string>; path: string }) {
  const message = fields[path];
  return message ? (
    <div className="field-error" data-field={path}>
      {message}
    </div>
  ) : null;
}

/** The server's message when it names no field that the form shows next to an input. */
export function FormError({
  error,
  fields,
  shown,
}: {
  error: string | null;
  fields: Record<string, string>;
  shown: readonly string[];
}) {
  const rest = Object.entries(fields).filter(([p]) => !shown.includes(p));
  if (!error) return null;
  return (
    <div className="error" role="alert">
      {rest.length > 0 ? rest.map(([p, m]) => `${p}: ${m}`).join(';') : error}
    </div>
  );
}

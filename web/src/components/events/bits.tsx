import { useState } from 'react';
import { useGet } from '../../hooks';
import { type MessageKey, useT } from '../../i18n';
import type { Deadline, Unit, UnitRef } from './types';

/** The deadline colour as a chip: grey on time, yellow due soon, red overdue. */
export function DeadlineChip({ deadline, children }: { deadline: Deadline; children?: React.ReactNode }) {
  const { t } = useT();
  return (
    <span className={`dl-chip dl-${deadline}`} data-deadline={deadline}>
      <span className={`dot-${deadline}`} />
      {children ?? t(`dl_${deadline}` as MessageKey)}
    </span>
  );
}

/** The taxonomy once per page (it is small and rarely changes). */
export function useCategories() {
  return useGet('/api/event-categories').data ?? [];
}

/** Two selects, main category then subcategory; the value is the subcategory code ('' until chosen). */
export function CategorySelect({
  value,
  onChange,
  allowMain = false,
  name = 'categoryCode',
}: {
  value: string;
  onChange: (code: string) => void;
  allowMain?: boolean;
  name?: string;
}) {
  const { t, lang } = useT();
  const cats = useCategories();
  // Without a subcategory yet, the chosen main category is kept here.
  const [picked, setPicked] = useState(value.slice(0, 2));
  const main = value ? value.slice(0, 2) : allowMain ? '' : picked;
  const parent = cats.find((c) => c.code === main);
  const label = (c: { name: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.name);
  return (
    <span className="cat-select">
      <select
        name={`${name}-main`}
        aria-label={t('chooseMain')}
        value={main}
        onChange={(e) => (setPicked(e.target.value), onChange(allowMain ? e.target.value : ''))}
      >
        <option value="">{allowMain ? t('allCategories') : t('chooseMain')}</option>
        {cats.map((c) => (
          <option key={c.code} value={c.code}>
            {label(c)}
          </option>
        ))}
      </select>
      <select
        name={name}
        aria-label={t('chooseSub')}
        value={value.length > 2 ? value : ''}
        disabled={!parent}
        onChange={(e) => onChange(e.target.value || (allowMain ? main : ''))}
      >
        <option value="">{t('chooseSub')}</option>
        {parent?.children.map((c) => (
          <option key={c.code} value={c.code}>
            {label(c)}
          </option>
        ))}
      </select>
    </span>
  );
}

/**
 * A unit select for an event's area: its township's units first, then the county's own, then the
 * other townships'. `suggested` is marked and is the default the caller passes in as `value`.
 */
export function UnitPicker({
  areaCode,
  value,
  onChange,
  suggested,
  name = 'unitId',
  allowDefault,
}: {
  areaCode: string;
  value: string;
  onChange: (id: string) => void;
  suggested?: UnitRef | null;
  name?: string;
  allowDefault?: string;
}) {
  const { t } = useT();
  const county = areaCode.slice(0, 6);
  const township = areaCode.length >= 9 ? areaCode.slice(0, 9) : null;
  const { data } = useGet(county ? '/api/units' : null, { query: { areaCode: county, limit: 500 } });
  const units = data?.items ?? [];
  const groups: Array<[string, Unit[]]> = [
    [t('thisTownship'), township ? units.filter((u) => u.areaCode.startsWith(township)) : []],
    [t('thisCounty'), units.filter((u) => u.areaCode === county)],
    [t('otherUnits'), units.filter((u) => u.areaCode !== county && !(township && u.areaCode.startsWith(township)))],
  ];
  const known = units.some((u) => u.id === value);
  return (
    <select name={name} aria-label={t('unit')} value={value} onChange={(e) => onChange(e.target.value)}>
      {allowDefault !== undefined ? (
        <option value="">{allowDefault}</option>
      ) : (
        <option value="">{t('chooseUnit')}</option>
      )}
      {!known && suggested && value === suggested.id && <option value={suggested.id}>{suggested.name}</option>}
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([label, list]) => (
          <optgroup key={label} label={label}>
            {list.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {suggested?.id === u.id ? ` (${t('suggested')})` : ''}
              </option>
            ))}
          </optgroup>
        ))}
    </select>
  );
}

export const unitName = (u: UnitRef | null | undefined) => u?.name ?? '—';

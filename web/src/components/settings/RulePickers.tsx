import { useState } from 'react';
import type { Me } from '../../api';
import { useApi } from '../../hooks';
import { useT } from '../../i18n';
import type { Unit } from '../events/types';
import { UNIT_KINDS, useAreaChildren, useAreaNames, useKindLabel } from './shared';

/** A city's code: its last two digits are 00 (a county's never are). */
export const isCityCode = (code: string) => /^\d{4}00$/.test(code);

/**
 * The area of a rule: a county, then optionally one of its townships. A city administrator starts
 * from the whole installation (the defaults), the city, or one of the counties; a county
 * administrator's first select is their county alone.
 */
export function AreaPrefixSelect({ me, value, onChange }: { me: Me; value: string; onChange: (code: string) => void }) {
  const { t } = useT();
  const isCity = me.scope.level === 'city';
  const counties = useAreaChildren(isCity ? me.scope.code : null);
  const cityName = useAreaNames(isCity ? [me.scope.code] : []).get(me.scope.code) ?? me.scope.code;
  const top = isCity ? (value === '' || isCityCode(value) ? value : value.slice(0, 6)) : '';
  const county = isCity ? (top && !isCityCode(top) ? top : '') : me.scope.level === 'county' ? me.scope.code : '';
  const townships = useAreaChildren(county || null);
  if (me.scope.level !== 'city' && me.scope.level !== 'county') {
    // Below a county the administrator's own area is the only choice.
    return (
      <select name="areaPrefix" aria-label={t('ruleArea')} value={me.scope.code} disabled>
        <option value={me.scope.code}>{me.scope.code}</option>
      </select>
    );
  }
  return (
    <span className="area-prefix-select">
      {isCity && (
        <select
          name="areaPrefix-county"
          aria-label={t('ruleArea')}
          value={top}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('ruleAllAreas')}</option>
          <option value={me.scope.code}>
            {cityName} · {t('ruleWholeCity')}
          </option>
          {counties.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      )}
      {(!isCity || county) && (
        <select
          name="areaPrefix"
          aria-label={t('ruleTownship')}
          value={value.length > 6 ? value : ''}
          disabled={!county}
          onChange={(e) => onChange(e.target.value || county)}
        >
          <option value="">{t('ruleWholeCounty')}</option>
          {townships.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}

/**
 * The unit a rule sends events to, from the rule's county: the township's units first when the rule
 * is for a township, then the county's own departments, then the other townships'. A kind filter
 * keeps the list short.
 */
export function RuleUnitPicker({
  areaPrefix,
  value,
  onChange,
}: {
  areaPrefix: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useT();
  const kindLabel = useKindLabel();
  const [kind, setKind] = useState('');
  const county = areaPrefix.slice(0, 6);
  const { data } = useApi<{ items: Unit[] }>(
    county ? `/api/units?areaCode=${county}&limit=500${kind ? `&kind=${kind}` : ''}` : null,
  );
  const units = (data?.items ?? []).filter((u) => u.status === 'active');
  const township = areaPrefix.length >= 9 ? areaPrefix.slice(0, 9) : null;
  const groups: Array<[string, Unit[]]> = [
    [t('thisTownship'), township ? units.filter((u) => u.areaCode.startsWith(township)) : []],
    [t('thisCounty'), units.filter((u) => u.areaCode === county)],
    [t('otherUnits'), units.filter((u) => u.areaCode !== county && !(township && u.areaCode.startsWith(township)))],
  ];
  return (
    <span className="unit-picker">
      <select
        name="unitKindFilter"
        aria-label={t('ruleFilterKind')}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
      >
        <option value="">{t('ruleFilterKind')}</option>
        {UNIT_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k)}
          </option>
        ))}
      </select>
      <select
        name="unitId"
        aria-label={t('rulePickUnit')}
        value={value}
        disabled={!county}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{t('rulePickUnit')}</option>
        {groups
          .filter(([, list]) => list.length > 0)
          .map(([label, list]) => (
            <optgroup key={label} label={label}>
              {list.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          ))}
      </select>
    </span>
  );
}

import { useState } from 'react';
import type { ClientConfig } from '../../api';
import { type MessageKey, useT } from '../../i18n';
import { PARTY_ROLES } from './labels';
import { PlaceSearch } from './PlaceSearch';
import { PointMap } from './PointMap';
import type { LngLat, PartyRole } from './types';

export interface PartyDraft {
  role: PartyRole;
  name: string;
  phone: string;
  idNumber: string;
}

/** Where it happened: a point on the map, "use my location", or an address the server geocodes. */
export function LocationField({
  config,
  point,
  onPoint,
  address,
  onAddress,
  areaCode,
  grids,
  locate,
  errors,
  mapHeight,
  placeSearch,
}: {
  config: ClientConfig | null;
  point: LngLat | null;
  onPoint: (p: LngLat | null) => void;
  address: string;
  onAddress: (a: string) => void;
  areaCode?: string;
  grids?: boolean;
  locate?: boolean;
  errors: Record<string, string>;
  mapHeight?: number;
  /** Offer the public place search by village or town name (the report page). */
  placeSearch?: boolean;
}) {
  const { t } = useT();
  const [centre, setCentre] = useState<{ lng: number; lat: number; zoom: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const locateMine = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => (
        onPoint({ lng: Math.round(p.coords.longitude * 1e6) / 1e6, lat: Math.round(p.coords.latitude * 1e6) / 1e6 }),
        setLocating('idle')
      ),
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15000 },
    );
  };
  return (
    <fieldset className="fieldset">
      <legend>{t('location')}</legend>
      <p className="muted small">{t('addressHint')}</p>
      {locate && (
        <div className="form-row">
          <button type="button" className="button locate" onClick={locateMine} disabled={locating === 'busy'}>
            ◎ {locating === 'busy' ? t('locating') : t('useMyLocation')}
          </button>
          {locating === 'failed' && <span className="field-error">{t('locateFailed')}</span>}
        </div>
      )}
      {placeSearch && (
        <PlaceSearch
          onPlace={(p) => {
            onPoint({ lng: p.lng, lat: p.lat });
            setCentre({ lng: p.lng, lat: p.lat, zoom: p.level === 'township' ? 11 : 13 });
          }}
        />
      )}
      <PointMap
        config={config}
        point={point}
        onPick={onPoint}
        areaCode={areaCode}
        grids={grids}
        height={mapHeight}
        centre={centre}
      />
      {point && (
        <button type="button" className="link-button" onClick={() => onPoint(null)}>
          {t('clearPoint')}
        </button>
      )}
      {errors.location && <span className="field-error">{errors.location}</span>}
      <label>
        {t('address')}
        <input name="address" value={address} onChange={(e) => onAddress(e.target.value)} />
        {errors.address && <span className="field-error">{errors.address}</span>}
      </label>
    </fieldset>
  );
}

/** Rows of parties (当事人): role, name, phone, ID number. */
export function PartiesEditor({
  parties,
  onChange,
  errors,
}: {
  parties: PartyDraft[];
  onChange: (p: PartyDraft[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useT();
  const set = (i: number, patch: Partial<PartyDraft>) =>
    onChange(parties.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="fieldset">
      <legend>{t('parties')}</legend>
      {parties.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parties have no id; each row is addressed by its position (field names parties.<i>.*)
        <div key={i} className="party-row" data-testid="party-row">
          <select
            name={`parties.${i}.role`}
            aria-label={t('role')}
            value={p.role}
            onChange={(e) => set(i, { role: e.target.value as PartyRole })}
          >
            {PARTY_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`party_${r}` as MessageKey)}
              </option>
            ))}
          </select>
          <input
            name={`parties.${i}.name`}
            placeholder={t('name')}
            aria-label={t('name')}
            value={p.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            name={`parties.${i}.phone`}
            placeholder={t('phone')}
            aria-label={t('phone')}
            inputMode="tel"
            value={p.phone}
            onChange={(e) => set(i, { phone: e.target.value })}
          />
          <input
            name={`parties.${i}.idNumber`}
            placeholder={t('idNumber')}
            aria-label={t('idNumber')}
            value={p.idNumber}
            onChange={(e) => set(i, { idNumber: e.target.value })}
          />
          <button type="button" className="link-button" onClick={() => onChange(parties.filter((_, j) => j !== i))}>
            {t('remove')}
          </button>
          {Object.entries(errors)
            .filter(([k]) => k.startsWith(`parties.${i}.`))
            .map(([k, m]) => (
              <span key={k} className="field-error">
                {m}
              </span>
            ))}
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() =>
          onChange([
            ...parties,
            { role: parties.length === 0 ? 'applicant' : 'respondent', name: '', phone: '', idNumber: '' },
          ])
        }
      >
        + {t('addParty')}
      </button>
    </fieldset>
  );
}

/** The parties as the API takes them: blank rows dropped, blank optional fields left out. */
export const partiesBody = (parties: PartyDraft[]) =>
  parties
    .filter((p) => p.name.trim())
    .map((p) => ({
      role: p.role,
      name: p.name.trim(),
      ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
      ...(p.idNumber.trim() ? { idNumber: p.idNumber.trim() } : {}),
    }));

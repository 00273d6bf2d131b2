import { useEffect, useState } from 'react';
import { api } from '../../api';
import { type ApiResult, call, client } from '../../api/client';
import { useGet, useSubmit } from '../../hooks';
import { formatTime, useT } from '../../i18n';
import { PageState } from '../common';
import { FieldError, FormError, UNIT_KINDS, type UnitKind, useKindLabel } from './shared';

interface Level {
  key: string;
  name: string;
  nameEn: string;
  workingDays: number;
  unitKind: UnitKind | null;
}
type Policy = ApiResult<'/api/mediation/policy'>;
const MAX_LEVELS = 8;

/**
 * The mediation levels (四级七天调解法 by default): order, names, working days per level and the kind
 * of unit that mediates at each. Edited locally, saved as a whole; the total shows what a case that
 * goes all the way up can take.
 */
export function MediationPolicyEditor() {
  const { t, lang } = useT();
  const kindLabel = useKindLabel();
  const { data, error, loading, reload } = useGet('/api/mediation/policy');
  const [name, setName] = useState('');
  const [levels, setLevels] = useState<Level[]>([]);
  const [saved, setSaved] = useState(false);
  const { busy, error: saveError, fields, submit } = useSubmit<unknown>();
  const reset = () => {
    if (!data) return;
    setName(data.name);
    setLevels(data.levels.map((l) => ({ ...l })));
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- reset reads only `data`
  useEffect(reset, [data]);

  const total = levels.reduce((sum, l) => sum + (Number.isFinite(l.workingDays) ? l.workingDays : 0), 0);
  const dirty = !!data && (name !== data.name || JSON.stringify(levels) !== JSON.stringify(data.levels));
  const update = (i: number, patch: Partial<Level>) => (
    setLevels(levels.map((l, j) => (j === i ? { ...l, ...patch } : l))), setSaved(false)
  );
  const move = (i: number, d: -1 | 1) => {
    const next = [...levels];
    [next[i], next[i + d]] = [next[i + d]!, next[i]!];
    setLevels(next);
    setSaved(false);
  };
  const add = () => {
    // A fresh key that does not clash with the others; the administrator can rename it.
    const key =
      [...'abcdefghijklmnopqrstuvwxyz'].map((c) => `level_${c}`).find((k) => !levels.some((l) => l.key === k)) ??
      'level_new';
    setLevels([...levels, { key, name: '', nameEn: '', workingDays: 2, unitKind: null }]);
    setSaved(false);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await submit(() =>
      call(client.PUT('/api/mediation/policy', { body: { name: name.trim(), levels } })).then(() => true),
    );
    if (r) setSaved(true), reload();
  };
  const shown = [
    'name',
    'levels',
    ...levels.flatMap((_, i) => ['key', 'name', 'nameEn', 'workingDays', 'unitKind'].map((f) => `levels.${i}.${f}`)),
  ];

  return (
    <section aria-label={t('tabMediation')}>
      <p className="muted settings-hint">{t('mediationHint')}</p>
      <PageState error={error} loading={loading && !data} />
      {data && (
        <form className="card policy-form" onSubmit={save}>
          <div className="policy-head">
            <label className="policy-name">
              {t('policyName')}
              <input
                name="policyName"
                value={name}
                maxLength={50}
                onChange={(e) => (setName(e.target.value), setSaved(false))}
              />
            </label>
            <span className="badge policy-total" data-testid="policy-total">
              {t('policyTotal')} {total} {t('policyTotalUnit')}
            </span>
            <span className="muted small">
              {levels.length} {t('policyLevels')} ·{' '}
              {data.areaPrefix === '' ? t('policyAreaInherited') : t('policyAreaOwn')} · {t('policyUpdated')}{' '}
              {formatTime(data.updatedAt, lang)}
            </span>
          </div>
          <FieldError fields={fields} path="name" />
          <ol className="policy-levels" data-testid="policy-levels">
            {levels.map((l, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: levels are edited in place (their key is an editable field), so the position is their identity
              <li key={i} className="policy-level" data-level={l.key}>
                <span className="level-no">{i + 1}</span>
                <div className="level-fields">
                  <label>
                    {t('levelName')}
                    <input
                      name={`levels.${i}.name`}
                      value={l.name}
                      maxLength={30}
                      onChange={(e) => update(i, { name: e.target.value })}
                    />
                  </label>
                  <label>
                    {t('levelNameEn')}
                    <input
                      name={`levels.${i}.nameEn`}
                      value={l.nameEn}
                      maxLength={60}
                      onChange={(e) => update(i, { nameEn: e.target.value })}
                    />
                  </label>
                  <label>
                    {t('levelKey')}
                    <input
                      name={`levels.${i}.key`}
                      value={l.key}
                      maxLength={32}
                      pattern="[a-z_]+"
                      onChange={(e) => update(i, { key: e.target.value })}
                    />
                  </label>
                  <label className="days">
                    {t('levelDays')}
                    <input
                      type="number"
                      min={1}
                      max={30}
                      name={`levels.${i}.workingDays`}
                      value={Number.isFinite(l.workingDays) ? l.workingDays : ''}
                      onChange={(e) => update(i, { workingDays: e.target.valueAsNumber })}
                    />
                  </label>
                  <label>
                    {t('levelUnitKind')}
                    <select
                      name={`levels.${i}.unitKind`}
                      value={l.unitKind ?? ''}
                      onChange={(e) => update(i, { unitKind: (e.target.value || null) as UnitKind | null })}
                    >
                      <option value="">{t('levelNoUnit')}</option>
                      {UNIT_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {kindLabel(k)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {['key', 'name', 'nameEn', 'workingDays', 'unitKind'].map((f) => (
                    <FieldError key={f} fields={fields} path={`levels.${i}.${f}`} />
                  ))}
                </div>
                <div className="level-actions">
                  <button
                    type="button"
                    className="button small"
                    aria-label={`${t('levelUp')} ${i + 1}`}
                    title={t('levelUp')}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button small"
                    aria-label={`${t('levelDown')} ${i + 1}`}
                    title={t('levelDown')}
                    disabled={i === levels.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button small subtle-danger"
                    aria-label={`${t('levelRemove')} ${i + 1}`}
                    disabled={levels.length <= 1}
                    onClick={() => (setLevels(levels.filter((_, j) => j !== i)), setSaved(false))}
                  >
                    {t('levelRemove')}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <FieldError fields={fields} path="levels" />
          <FormError error={saveError} fields={fields} shown={shown} />
          <div className="form-row settings-actions">
            <button type="button" className="button" disabled={levels.length >= MAX_LEVELS} onClick={add}>
              + {t('levelAdd')}
            </button>
            <span className="spacer" />
            {saved && !dirty && (
              <span className="ok small" role="status">
                ✓ {t('policySaved')}
              </span>
            )}
            <button type="button" className="button" disabled={!dirty} onClick={reset}>
              {t('policyReset')}
            </button>
            <button className="primary small" type="submit" disabled={busy || !dirty}>
              {t('save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

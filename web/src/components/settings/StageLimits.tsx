import { useEffect, useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { type MessageKey, useT } from '../../i18n';
import { CategorySelect } from '../events/bits';
import { FormError, useCategoryNames } from './shared';

type Stage = 'accept' | 'dispatch' | 'handle' | 'verify';
type TimeUnit = 'hours' | 'days';
export interface StageLimit {
  categoryPrefix: string;
  stage: Stage;
  amount: number;
  unit: TimeUnit;
}
/** Handling has no stage limit of its own: it runs on the category's working-day limit. */
const EDITABLE = ['accept', 'dispatch', 'verify'] as const;
type Cell = { amount: string; unit: TimeUnit };

/**
 * Stage limits by category prefix: the '' default row always has all three stages; a category row
 * overrides only the stages it sets, and a blank cell falls back to the default.
 */
export function StageLimits({ stages, onSaved }: { stages: StageLimit[]; onSaved: () => void }) {
  const { t } = useT();
  const [added, setAdded] = useState<string[]>([]);
  const [picking, setPicking] = useState('');
  const stored = [...new Set(stages.map((s) => s.categoryPrefix))];
  const prefixes = ['', ...[...new Set([...stored, ...added])].filter((p) => p !== '').sort()];
  const add = () => {
    if (picking && !prefixes.includes(picking)) setAdded([...added, picking]);
    setPicking('');
  };
  return (
    <div className="card">
      <div className="card-head">
        <h3>{t('limitsStages')}</h3>
      </div>
      <table className="table settings-table stage-table" data-testid="stage-limits">
        <thead>
          <tr>
            <th>{t('stagePrefix')}</th>
            {EDITABLE.map((s) => (
              <th key={s}>{t(`stage_${s}` as MessageKey)}</th>
            ))}
            <th>{t('stage_handle')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {prefixes.map((p) => (
            // A saved override stays in `added` so its row is not unmounted while the list reloads.
            <StageRow
              key={p}
              prefix={p}
              stages={stages.filter((s) => s.categoryPrefix === p)}
              onSaved={onSaved}
              onRemoved={() => (setAdded(added.filter((a) => a !== p)), onSaved())}
            />
          ))}
        </tbody>
      </table>
      <div className="form-row settings-actions">
        <CategorySelect value={picking} onChange={setPicking} allowMain name="stagePrefix" />
        <button type="button" className="button" disabled={!picking} onClick={add}>
          + {t('stageAddOverride')}
        </button>
      </div>
    </div>
  );
}

function StageRow({
  prefix,
  stages,
  onSaved,
  onRemoved,
}: {
  prefix: string;
  stages: StageLimit[];
  onSaved: () => void;
  onRemoved: () => void;
}) {
  const { t } = useT();
  const { names } = useCategoryNames();
  const initial = () =>
    Object.fromEntries(
      EDITABLE.map((s) => {
        const l = stages.find((x) => x.stage === s);
        return [s, { amount: l ? String(l.amount) : '', unit: l?.unit ?? 'hours' }];
      }),
    ) as Record<(typeof EDITABLE)[number], Cell>;
  const key = JSON.stringify(stages);
  const [cells, setCells] = useState(initial);
  const [saved, setSaved] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key (the serialized stages) stands for stages, a new array on each load; initial is rebuilt each render
  useEffect(() => setCells(initial()), [key]);
  const { busy, error, fields, submit } = useSubmit<unknown>();
  const storedOf = (s: Stage) => stages.find((x) => x.stage === s);
  const dirty = EDITABLE.filter((s) => {
    const l = storedOf(s);
    return cells[s].amount !== (l ? String(l.amount) : '') || (l && cells[s].unit !== l.unit);
  });

  /** One PUT per changed stage; the server validates each and audits each. */
  const put = (stage: Stage, limit: { amount: number; unit: TimeUnit } | null) =>
    call(client.PUT('/api/event-settings/stages', { body: { categoryPrefix: prefix, stage, limit } }));
  const save = async () => {
    const r = await submit(async () => {
      for (const s of dirty)
        await put(s, cells[s].amount === '' ? null : { amount: Number(cells[s].amount), unit: cells[s].unit });
      return true;
    });
    if (r) setSaved(true), onSaved();
  };
  const remove = async () => {
    const r = await submit(async () => {
      for (const l of stages) await put(l.stage, null);
      return true;
    });
    if (r) onRemoved();
  };

  return (
    <tr data-prefix={prefix || 'default'}>
      <td>
        {prefix ? (
          <>
            {names.get(prefix) ?? prefix} <span className="code">{prefix}</span>
          </>
        ) : (
          <strong>{t('stageDefault')}</strong>
        )}
      </td>
      {EDITABLE.map((s) => (
        <td key={s} className="stage-cell">
          <input
            type="number"
            min={1}
            max={240}
            name={`${prefix || 'default'}-${s}`}
            aria-label={`${prefix || t('stageDefault')} ${t(`stage_${s}` as MessageKey)}`}
            placeholder={prefix ? t('stageInherit') : ''}
            value={cells[s].amount}
            onChange={(e) => (setCells({ ...cells, [s]: { ...cells[s], amount: e.target.value } }), setSaved(false))}
          />
          <select
            aria-label={t(`stage_${s}` as MessageKey)}
            value={cells[s].unit}
            onChange={(e) => (
              setCells({ ...cells, [s]: { ...cells[s], unit: e.target.value as TimeUnit } }), setSaved(false)
            )}
          >
            <option value="hours">{t('unit_hours')}</option>
            <option value="days">{t('unit_days')}</option>
          </select>
        </td>
      ))}
      <td className="muted small">{t('stageHandleNote')}</td>
      <td className="nowrap row-actions">
        {dirty.length > 0 && (
          <button type="button" className="primary small" disabled={busy} onClick={save}>
            {t('save')}
          </button>
        )}
        {saved && dirty.length === 0 && (
          <span className="ok small" role="status">
            ✓ {t('limitSaved')}
          </span>
        )}
        {prefix !== '' && stages.length > 0 && (
          <button type="button" className="button small subtle-danger" disabled={busy} onClick={remove}>
            {t('stageRemove')}
          </button>
        )}
        <FormError error={error} fields={fields} shown={[]} />
      </td>
    </tr>
  );
}

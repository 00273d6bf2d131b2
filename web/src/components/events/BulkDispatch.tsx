import { useState } from 'react';
import { api } from '../../api';
import { type ApiResult, call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { useT } from '../../i18n';
import { UnitPicker } from './bits';
import type { EventRow } from './types';

type Result = ApiResult<'/api/events/bulk-dispatch', 'post'>;

/**
 * Dispatches the selected events at once: to one chosen unit, or each to the unit its routing rule
 * suggests. Units come from the selected events' township (or county when they span several).
 */
export function BulkDispatch({ selected, onDone }: { selected: EventRow[]; onDone: () => void }) {
  const { t } = useT();
  const [unitId, setUnitId] = useState('');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<(Result & { numbers: Map<string, string> }) | null>(null);
  const { busy, error, submit } = useSubmit<Result>();
  if (selected.length === 0 && !result) return null;
  const townships = new Set(selected.map((e) => e.gridCode.slice(0, 9)));
  const areaCode = townships.size === 1 ? [...townships][0]! : (selected[0]?.gridCode.slice(0, 6) ?? '');
  const run = async () => {
    const r = await submit(() =>
      call(
        client.POST('/api/events/bulk-dispatch', {
          body: {
            ids: selected.map((e) => e.id),
            ...(unitId ? { unitId } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
    );
    if (r) setResult({ ...r, numbers: new Map(selected.map((e) => [e.id, e.number])) }), onDone();
  };
  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      {selected.length > 0 && (
        <>
          <strong>
            {t('selected')} {selected.length}
          </strong>
          {areaCode && (
            <UnitPicker
              areaCode={areaCode}
              value={unitId}
              onChange={setUnitId}
              allowDefault={t('suggestedDefault')}
              name="bulkUnitId"
            />
          )}
          <input
            name="bulkNote"
            placeholder={t('note')}
            aria-label={t('note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <button type="button" className="primary small" disabled={busy} onClick={run}>
            {t('bulkDispatch')}
          </button>
        </>
      )}
      {error && <span className="error">{error}</span>}
      {result && (
        <span className="bulk-result" role="status">
          {t('bulkDone')} {result.dispatched.length}
          {result.failed.length > 0 && (
            <span className="field-error">
              {' · '}
              {t('bulkFailed')}:{' '}
              {result.failed.map((f) => `${result.numbers.get(f.id) ?? f.id.slice(0, 8)} (${f.error})`).join(', ')}
            </span>
          )}
          <button type="button" className="link-button" onClick={() => setResult(null)}>
            ×
          </button>
        </span>
      )}
    </div>
  );
}

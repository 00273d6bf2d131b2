import { useState } from 'react';
import { ApiError, api } from '../../api';
import { type ApiBody, type ApiItem, type ApiResult, call, client } from '../../api/client';
import { useGet } from '../../hooks';
import { formatTime, type MessageKey, useT } from '../../i18n';

export type CaseItem = ApiItem<'/api/supervision/cases'>;
type CaseDetail = ApiResult<'/api/supervision/cases/{id}'>;

const NEEDS_NOTE = new Set(['request_close', 'reject']);
export const formatValue = (measure: string, v: number) =>
  measure.endsWith('share') || measure.endsWith('rate')
    ? `${(v * 100).toFixed(1)}%`
    : String(Math.round(v * 100) / 100);

export function DeadlineBadge({ c }: { c: Pick<CaseItem, 'deadline' | 'status' | 'overdueAt'> }) {
  const { t } = useT();
  const cls = c.deadline === 'overdue' ? 'deadline-badge-red' : c.deadline === 'warning' ? 'deadline-badge-yellow' : '';
  return (
    <span className={`chip static ${cls}`} data-testid="sv-deadline">
      {t(`svDl_${c.deadline}` as MessageKey)}
    </span>
  );
}

/** One case: what was flagged, the requirement, the history and the actions this user may take. */
export function SupervisionCase({ id, onChange }: { id: string; onChange: () => void }) {
  const { t, lang } = useT();
  const { data: c, reload } = useGet('/api/supervision/cases/{id}', { path: { id } });
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!c) return <p className="muted">{t('loading')}</p>;
  const act = async (action: string) => {
    setError(null);
    try {
      await call(
        client.POST('/api/supervision/cases/{id}/actions', {
          params: { path: { id } },
          body: {
            action: action as ApiBody<'/api/supervision/cases/{id}/actions'>['action'],
            version: c.version,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      );
      setNote('');
      reload();
      onChange();
    } catch (e) {
      setError(
        e instanceof ApiError
          ? e.fields[0]?.message
            ? `${t('svReason')}:${e.fields[0].message}`
            : e.message
          : String(e),
      );
    }
  };
  return (
    <div data-testid="sv-case">
      <h2>{c.number}</h2>
      <p>
        <b>{c.title}</b>
      </p>
      <p>
        <span className="chip static" data-testid="sv-status">
          {t(`sv_${c.status}` as MessageKey)}
        </span>{' '}
        <DeadlineBadge c={c} /> {t('svDeadline')}:{formatTime(c.deadlineAt, lang)}({c.rectifyWorkingDays}{' '}
        {t('svWorkingDays')})
      </p>
      {c.flag && (
        <p className="muted">
          {c.flag.ruleName}:{t(`svM_${c.flag.measure}` as MessageKey)} {formatValue(c.flag.measure, c.flag.value)} ≥{' '}
          {formatValue(c.flag.measure, c.flag.threshold)}({c.flag.periodFrom}~{c.flag.periodTo},{c.flag.events})
        </p>
      )}
      <p>
        {t('svRequirement')}:{c.requirement}
      </p>
      {c.actions.length > 0 && (
        <div className="sv-actions">
          <textarea
            rows={2}
            placeholder={t('svReason')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="sv-note"
          />
          <div className="chips">
            {c.actions.map((a) => (
              <button
                type="button"
                key={a}
                onClick={() => act(a)}
                className={a === 'approve' ? 'primary' : ''}
                data-testid={`sv-act-${a}`}
                title={NEEDS_NOTE.has(a) ? t('svReason') : undefined}
              >
                {t(`svAct_${a}` as MessageKey)}
              </button>
            ))}
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      <h3>{t('svHistory')}</h3>
      <ol className="timeline" data-testid="sv-history">
        {c.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history is an append-only history without ids, shown in a fixed order
          <li key={i}>
            <b>{t(`svAct_${s.action}` as MessageKey)}</b> → {t(`sv_${s.toStatus}` as MessageKey)} · {s.actorName} ·{' '}
            <span className="muted">{formatTime(s.at, lang)}</span>
            {s.note && <div>{s.note}</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}

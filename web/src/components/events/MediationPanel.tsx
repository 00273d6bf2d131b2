import { useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { formatTime, type MessageKey, useT } from '../../i18n';
import type { EventDetail, Mediation, MediationLevel } from './types';

/** 四级七天: the levels as a stepper, what happened at each, and resolve or fail at the current one. */
export function MediationPanel({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { t, lang } = useT();
  const m = event.mediation;
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [agreement, setAgreement] = useState('');
  const [outcomeError, setOutcomeError] = useState<string | null>(null);
  const { busy, error, fields, submit } = useSubmit<unknown>();
  if (!m) return null;
  const levelName = (l: MediationLevel | undefined, key: string) => (l ? (lang === 'en' ? l.nameEn : l.name) : key);
  const actions = event.mediationActions ?? [];

  const run = async (action: 'resolve' | 'fail') => {
    setOutcomeError(null);
    if (action === 'resolve' && !outcome.trim()) return setOutcomeError(t('outcomeRequired'));
    const body = {
      action,
      note: note.trim(),
      ...(action === 'resolve'
        ? { outcome: outcome.trim(), ...(agreement.trim() ? { agreement: agreement.trim() } : {}) }
        : {}),
    };
    const ok = await submit(() =>
      call(client.POST('/api/events/{id}/mediation', { params: { path: { id: event.id } }, body })),
    );
    if (ok !== null) setNote(''), setOutcome(''), setAgreement(''), onDone();
  };

  return (
    <section className="card mediation" data-testid="mediation">
      <div className="card-head">
        <h3>{t('mediationLevels')}</h3>
        <span className={`badge med-${m.status}`} data-testid="mediation-status">
          {t(`med_${m.status}` as MessageKey)}
        </span>
      </div>
      <Stepper m={m} levelName={levelName} />
      {m.status === 'open' && (
        <p className="med-current" data-testid="mediation-current">
          {t('currentLevel')}: <strong>{levelName(m.levels[m.levelIndex], m.levelKey)}</strong>
          {m.levelUnit && <> · {m.levelUnit.name}</>}
          {m.levelDueAt && (
            <>
              {' · '}
              {t('levelDue')} {formatTime(m.levelDueAt, lang)}
            </>
          )}
        </p>
      )}
      {m.outcome && (
        <div className="ok">
          <strong>{t('outcome')}:</strong> {m.outcome}
          {m.agreement && (
            <div className="agreement">
              <strong>{t('agreement')}:</strong> {m.agreement}
            </div>
          )}
        </div>
      )}
      <h4>{t('steps')}</h4>
      <ol className="med-steps" data-testid="mediation-steps">
        {m.steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the steps are an append-only history without ids, shown in a fixed order
          <li key={i} className={`med-step result-${s.result ?? 'current'}`}>
            <div className="tl-head">
              <strong>{levelName(m.levels[s.levelIndex], s.levelKey)}</strong>
              <span className={`badge step-${s.result ?? 'current'}`}>
                {t(s.result ? (`step_${s.result}` as MessageKey) : 'step_current')}
              </span>
              <span className="muted small">
                {formatTime(s.startedAt, lang)}
                {s.endedAt
                  ? ` → ${formatTime(s.endedAt, lang)}`
                  : s.dueAt
                    ? ` · ${t('levelDue')} ${formatTime(s.dueAt, lang)}`
                    : ''}
                {s.actor ? ` · ${s.actor}` : ''}
              </span>
            </div>
            {s.note && <div className="tl-reason">“{s.note}”</div>}
          </li>
        ))}
      </ol>
      {actions.length > 0 && m.status === 'open' && (
        <form className="form med-form" onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('outcome')}
            <input name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)} />
            {(outcomeError ?? fields.outcome) && <span className="field-error">{outcomeError ?? fields.outcome}</span>}
          </label>
          <label>
            {t('agreement')}
            <textarea name="agreement" rows={2} value={agreement} onChange={(e) => setAgreement(e.target.value)} />
          </label>
          <label>
            {t('mediationNote')}
            <input name="mediationNote" value={note} onChange={(e) => setNote(e.target.value)} />
            {fields.note && <span className="field-error">{fields.note}</span>}
          </label>
          {error && <div className="error">{error}</div>}
          <div className="actions">
            {actions.includes('resolve') && (
              <button type="button" className="primary small" disabled={busy} onClick={() => run('resolve')}>
                {t('resolve')}
              </button>
            )}
            {actions.includes('fail') && (
              <button type="button" className="button subtle-danger" disabled={busy} onClick={() => run('fail')}>
                {t('markFailed')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}

function Stepper({
  m,
  levelName,
}: {
  m: Mediation;
  levelName: (l: MediationLevel | undefined, key: string) => string;
}) {
  const { t } = useT();
  return (
    <ol className="stepper" data-testid="mediation-stepper">
      {m.levels.map((l, i) => {
        const last = [...m.steps].reverse().find((s) => s.levelIndex === i);
        const state =
          i === m.levelIndex && m.status === 'open'
            ? 'current'
            : last?.result === 'resolved'
              ? 'resolved'
              : last
                ? 'passed'
                : 'todo';
        return (
          <li key={l.key} className={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="step-dot">{state === 'resolved' ? '✓' : i + 1}</span>
            <span className="step-name">{levelName(l, l.key)}</span>
            <span className="step-days muted">
              {l.workingDays}
              {t('wdUnit')}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

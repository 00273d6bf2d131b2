import { useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { useRiskT } from './common';
import { download, type Matter } from './types';

type Props = { m: Matter; onChange: (m: Matter) => void; canWrite: boolean; canDecide: boolean };

/** 评估报告: conclusion and contingency plan, the downloads, and the firm's rating. */
export function RiskReport({ m, onChange, canWrite }: Props) {
  const { t } = useRiskT();
  const texts = useSubmit<Matter>();
  const rate = useSubmit<Matter>();
  const [dl, setDl] = useState<string | null>(null);
  const editable = canWrite && ['report', 'grade'].includes(m.stage) && !m.decision;
  const save = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await texts.submit(() =>
      call(
        client.PATCH('/api/risk/matters/{id}', {
          params: { path: { id: m.id } },
          body: {
            conclusion: f.get('conclusion')?.toString().trim() || null,
            contingency: f.get('contingency')?.toString().trim() || null,
          },
        }),
      ),
    );
    if (r) onChange(r);
  };
  const get = (fmt: 'docx' | 'pdf') =>
    download(`/api/risk/matters/${m.id}/report.${fmt}`, `${m.number}.${fmt}`).then(
      () => setDl(null),
      (e: unknown) => setDl(String(e)),
    );
  return (
    <section className="card" aria-label={t('riskReport')}>
      <div className="card-head">
        <h3>{t('stage_report')}</h3>
        <span className="form-row">
          <button type="button" className="button small" onClick={() => void get('docx')}>
            {t('riskDownloadDocx')}
          </button>
          <button type="button" className="button small" onClick={() => void get('pdf')}>
            {t('riskDownloadPdf')}
          </button>
        </span>
      </div>
      {dl && <div className="error">{dl}</div>}
      {editable ? (
        <form className="form" onSubmit={save}>
          <label>
            {t('riskConclusion')}
            <textarea name="conclusion" rows={3} defaultValue={m.conclusion ?? ''} />
          </label>
          <label>
            {t('riskContingency')}
            <textarea name="contingency" rows={3} defaultValue={m.contingency ?? ''} />
          </label>
          {texts.error && <div className="error">{texts.error}</div>}
          <div className="actions">
            <button type="submit" className="primary small" disabled={texts.busy}>
              {t('save')}
            </button>
          </div>
        </form>
      ) : (
        <p className="small">
          {t('riskConclusion')}:{m.conclusion ?? '—'}
          <br />
          {t('riskContingency')}:{m.contingency ?? '—'}
        </p>
      )}
      {m.firmDetail && (
        <div className="risk-rating">
          <b>{t('riskRating')}</b>{' '}
          {m.rating ? (
            <span data-testid="risk-rating">
              {'★'.repeat(m.rating.score)}
              {'☆'.repeat(5 - m.rating.score)}{' '}
              <span className="muted small">
                {m.rating.comment ?? ''} · {m.rating.ratedBy}
              </span>
            </span>
          ) : canWrite && ['report', 'decide'].includes(m.stage) ? (
            <span className="form-row">
              {[1, 2, 3, 4, 5].map((n) => (
                <button
                  type="button"
                  key={n}
                  className="button small"
                  aria-label={`${n}`}
                  disabled={rate.busy}
                  onClick={async () => {
                    const r = await rate.submit(() =>
                      call(
                        client.POST('/api/risk/matters/{id}/rating', {
                          params: { path: { id: m.id } },
                          body: { score: n },
                        }),
                      ),
                    );
                    if (r) onChange(r);
                  }}
                >
                  {n} ★
                </button>
              ))}
            </span>
          ) : (
            <span className="muted">—</span>
          )}
          {rate.error && <div className="error">{rate.error}</div>}
        </div>
      )}
    </section>
  );
}

/** 集体研究决策: the decision by the accountable account; 实施 is refused while the guards say so. */
export function RiskDecisionCard({ m, onChange, canDecide }: Props) {
  const { t, tk } = useRiskT();
  const [decision, setDecision] = useState<'implement' | 'postpone' | 'reject'>('implement');
  const { busy, error, fields, submit } = useSubmit<Matter>();
  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await submit(() =>
      call(
        client.POST('/api/risk/matters/{id}/decision', {
          params: { path: { id: m.id } },
          body: {
            decision,
            decidedBy: f.get('decidedBy')?.toString().trim() ?? '',
            decidedOn: String(f.get('decidedOn') ?? ''),
            note: f.get('note')?.toString().trim() || null,
          },
        }),
      ),
    );
    if (r) onChange(r);
  };
  if (m.decision) {
    return (
      <section className="card" aria-label={t('riskDecision')}>
        <div className="card-head">
          <h3>{t('stage_decide')}</h3>
        </div>
        <p data-testid="risk-decision">
          <b>{tk('decision', m.decision)}</b> · {m.decidedBy} · {m.decidedOn}
          {m.decisionNote ? ` · ${m.decisionNote}` : ''}
        </p>
      </section>
    );
  }
  if (m.stage !== 'decide') return null;
  return (
    <section className="card" aria-label={t('riskDecision')}>
      <div className="card-head">
        <h3>{t('stage_decide')}</h3>
      </div>
      {m.implementBlockers.length > 0 && (
        <div className="notice risk-blockers" data-testid="risk-blockers">
          {t('riskImplementBlocked')} {m.implementBlockers.map((b) => b.message).join(';')}
        </div>
      )}
      {canDecide ? (
        <form className="form" onSubmit={onSubmit}>
          <div className="form-row" role="radiogroup">
            {(['implement', 'postpone', 'reject'] as const).map((d) => (
              <label key={d} className="risk-radio">
                <input type="radio" name="decision" checked={decision === d} onChange={() => setDecision(d)} />
                {tk('decision', d)}
              </label>
            ))}
          </div>
          <div className="risk-grid2">
            <label>
              {t('riskDecidedBy')}
              <input name="decidedBy" required defaultValue={m.decidingBody} />
            </label>
            <label>
              {t('riskDecidedOn')}
              <input name="decidedOn" type="date" required />
            </label>
          </div>
          <label>
            {t('riskDecisionNote')}
            <input name="note" />
          </label>
          {error && (
            <div className="error" role="alert" data-testid="risk-decision-error">
              {error}
              {Object.keys(fields).length > 0 && `:${Object.values(fields).join(';')}`}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary small" disabled={busy}>
              {t('riskRecordDecision')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted small">
          {t('owner_deciding_body')}:{m.decidingBody}
        </p>
      )}
    </section>
  );
}

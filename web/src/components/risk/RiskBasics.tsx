import { useEffect, useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { useRiskT } from './common';
import type { Firm, Matter } from './types';

type Props = { m: Matter; onChange: (m: Matter) => void; canWrite: boolean };

/** The matter's facts; budget, schedule and texts stay editable until the decision. */
export function RiskBasics({ m, onChange, canWrite }: Props) {
  const { t, tk } = useRiskT();
  const [edit, setEdit] = useState(false);
  const { busy, error, submit } = useSubmit<Matter>();
  const save = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => f.get(k)?.toString().trim() || null;
    const r = await submit(() =>
      call(
        client.PATCH('/api/risk/matters/{id}', {
          params: { path: { id: m.id } },
          body: {
            budget: s('budget') === null ? null : Number(s('budget')),
            scheduleStart: s('scheduleStart'),
            scheduleEnd: s('scheduleEnd'),
            background: s('background'),
            basis: s('basis'),
          },
        }),
      ),
    );
    if (r) onChange(r), setEdit(false);
  };
  return (
    <section className="card" aria-label={t('stage_identify')}>
      <div className="card-head">
        <h3>{t('stage_identify')}</h3>
        {canWrite && !m.decision && !edit && (
          <button type="button" className="button small" onClick={() => setEdit(true)}>
            {t('riskEdit')}
          </button>
        )}
      </div>
      {!edit ? (
        <dl className="risk-facts">
          <dt>{t('riskType')}</dt>
          <dd>
            {tk('type', m.type)} · {tk('kind', m.kind)}
          </dd>
          <dt>{t('riskDecidingBody')}</dt>
          <dd>{m.decidingBody}</dd>
          <dt>{t('riskImplementingBody')}</dt>
          <dd>
            {m.implementingBody}
            {m.implementingCreditCode && <span className="mono muted"> {m.implementingCreditCode}</span>}
          </dd>
          <dt>{t('riskAreas')}</dt>
          <dd data-testid="risk-matter-areas">
            {m.areas.map((a) => `${a.name}(${t('riskPeople')} ${a.people})`).join('、')}
          </dd>
          <dt>{t('riskBudget')}</dt>
          <dd>{m.budget ?? '—'}</dd>
          <dt>{t('riskScheduleStart')}</dt>
          <dd>
            {m.scheduleStart ?? '—'} ~ {m.scheduleEnd ?? ''}
          </dd>
          <dt>{t('riskBackground')}</dt>
          <dd>{m.background ?? '—'}</dd>
          <dt>{t('riskBasis')}</dt>
          <dd>{m.basis ?? '—'}</dd>
        </dl>
      ) : (
        <form className="form risk-grid2" onSubmit={save}>
          <label>
            {t('riskBudget')}
            <input name="budget" type="number" min={0} step="0.01" defaultValue={m.budget ?? ''} />
          </label>
          <span />
          <label>
            {t('riskScheduleStart')}
            <input name="scheduleStart" type="date" defaultValue={m.scheduleStart ?? ''} />
          </label>
          <label>
            {t('riskScheduleEnd')}
            <input name="scheduleEnd" type="date" defaultValue={m.scheduleEnd ?? ''} />
          </label>
          <label>
            {t('riskBackground')}
            <textarea name="background" rows={2} defaultValue={m.background ?? ''} />
          </label>
          <label>
            {t('riskBasis')}
            <textarea name="basis" rows={2} defaultValue={m.basis ?? ''} />
          </label>
          {error && <div className="error">{error}</div>}
          <div className="actions">
            <button type="submit" className="primary small" disabled={busy}>
              {t('save')}
            </button>
            <button type="button" className="button" onClick={() => setEdit(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** 制定方案: the third-party firm (refused when tied to the implementing body), lead assessor and plan. */
export function RiskPlan({ m, onChange, canWrite }: Props) {
  const { t } = useRiskT();
  const [firms, setFirms] = useState<Firm[]>([]);
  const [firmId, setFirmId] = useState('');
  const assign = useSubmit<Matter>();
  const plan = useSubmit<Matter>();
  const editable = canWrite && ['identify', 'plan'].includes(m.stage);
  useEffect(() => {
    if (editable && m.kind === 'special') call(client.GET('/api/risk/firms')).then(setFirms, () => setFirms([]));
  }, [editable, m.kind]);
  const savePlan = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const r = await plan.submit(() =>
      call(
        client.PATCH('/api/risk/matters/{id}', {
          params: { path: { id: m.id } },
          body: {
            leadAssessor: f.get('leadAssessor')?.toString().trim() || null,
            plan: f.get('plan')?.toString().trim() || null,
          },
        }),
      ),
    );
    if (r) onChange(r);
  };
  return (
    <section className="card" aria-label={t('stage_plan')}>
      <div className="card-head">
        <h3>{t('stage_plan')}</h3>
      </div>
      <p>
        {t('riskFirm')}:
        {m.firmDetail ? (
          <b data-testid="risk-firm">{m.firmDetail.name}</b>
        ) : m.kind === 'immediate' ? (
          <span className="muted">{t('riskNoFirmImmediate')}</span>
        ) : (
          <span className="muted">—</span>
        )}
        {m.firmDetail && <span className="mono muted"> {m.firmDetail.creditCode}</span>}
      </p>
      {editable && m.kind === 'special' && (
        <div className="form-row">
          <select aria-label={t('riskChooseFirm')} value={firmId} onChange={(e) => setFirmId(e.target.value)}>
            <option value="">{t('riskChooseFirm')}</option>
            {firms
              .filter((f) => f.status === 'active')
              .map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}(在办 {f.openCount}
                  {f.avgRating !== null ? ` · ${f.avgRating}分` : ''})
                </option>
              ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={!firmId || assign.busy}
            onClick={async () => {
              const r = await assign.submit(() =>
                call(client.POST('/api/risk/matters/{id}/firm', { params: { path: { id: m.id } }, body: { firmId } })),
              );
              if (r) onChange(r);
            }}
          >
            {t('riskAssign')}
          </button>
        </div>
      )}
      {assign.error && (
        <div className="error" role="alert" data-testid="risk-firm-error">
          {assign.error}
        </div>
      )}
      {editable ? (
        <form className="form" onSubmit={savePlan} style={{ marginTop: 10 }}>
          <label>
            {t('riskLeadAssessor')}
            <input name="leadAssessor" defaultValue={m.leadAssessor ?? ''} />
          </label>
          <label>
            {t('riskPlan')}
            <textarea name="plan" rows={3} defaultValue={m.plan ?? ''} />
          </label>
          {plan.error && <div className="error">{plan.error}</div>}
          <div className="actions">
            <button type="submit" className="primary small" disabled={plan.busy}>
              {t('save')}
            </button>
          </div>
        </form>
      ) : (
        <p className="small">
          {t('riskLeadAssessor')}:{m.leadAssessor ?? '—'}
          <br />
          {t('riskPlan')}:{m.plan ?? '—'}
        </p>
      )}
    </section>
  );
}

import { useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { useRiskT } from './common';
import { type Matter, METHODS } from './types';

type Props = { m: Matter; onChange: (m: Matter) => void; canWrite: boolean };

/** 调查论证: each consultation with its count, who was consulted, and every opinion adopted or not (with the reason). */
export function RiskConsultations({ m, onChange, canWrite }: Props) {
  const { t, tk } = useRiskT();
  const editable = canWrite && ['plan', 'investigate', 'grade'].includes(m.stage);
  const add = useSubmit<Matter>();
  const answer = useSubmit<Matter>();
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const onAdd = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const opinions = (f.get('opinions')?.toString() ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((content) => ({ content }));
    const r = await add.submit(() =>
      call(
        client.POST('/api/risk/matters/{id}/consultations', {
          params: { path: { id: m.id } },
          body: {
            method: String(f.get('method')) as (typeof METHODS)[number],
            heldOn: String(f.get('heldOn') ?? ''),
            participants: Number(f.get('participants') || 0),
            consulted: f.get('consulted')?.toString().trim() ?? '',
            opinions,
          },
        }),
      ),
    );
    if (r) onChange(r), form.reset();
  };
  const reply = async (opinionId: string, adopted: boolean) => {
    const r = await answer.submit(() =>
      call(
        client.PUT('/api/risk/matters/{id}/opinions/{opinionId}', {
          params: { path: { id: m.id, opinionId } },
          body: { adopted, response: reasons[opinionId]?.trim() || null },
        }),
      ),
    );
    if (r) onChange(r);
  };
  return (
    <section className="card" aria-label={t('riskConsultations')}>
      <div className="card-head">
        <h3>
          {t('stage_investigate')} · {t('riskConsultations')}
        </h3>
      </div>
      {m.consultations.map((c) => (
        <div key={c.id} className="risk-consultation" data-method={c.method}>
          <div>
            <b>{tk('method', c.method)}</b> · {c.heldOn} · {t('riskParticipants')} {c.participants} · {c.consulted}
          </div>
          <ul className="risk-opinions">
            {c.opinions.map((o) => (
              <li key={o.id} data-testid="risk-opinion">
                <span>{o.content}</span>{' '}
                <span className={o.adopted === null ? 'deadline-badge-yellow' : 'badge'}>
                  {o.adopted === null ? t('riskUnanswered') : o.adopted ? t('riskAdopted') : t('riskNotAdopted')}
                </span>
                {o.response && <span className="muted small"> {o.response}</span>}
                {editable && (
                  <span className="form-row risk-inline">
                    <input
                      aria-label={t('riskResponse')}
                      placeholder={t('riskResponse')}
                      value={reasons[o.id] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [o.id]: e.target.value })}
                    />
                    <button type="button" className="button small" onClick={() => void reply(o.id, true)}>
                      {t('riskAdopted')}
                    </button>
                    <button type="button" className="button small" onClick={() => void reply(o.id, false)}>
                      {t('riskNotAdopted')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {answer.error && <div className="error">{answer.error}</div>}
      {editable && (
        <form className="form risk-add" onSubmit={onAdd} aria-label={t('riskAddConsultation')}>
          <b>{t('riskAddConsultation')}</b>
          <div className="risk-grid4">
            <label>
              {t('riskMethod')}
              <select name="method">
                {METHODS.map((x) => (
                  <option key={x} value={x}>
                    {tk('method', x)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('riskHeldOn')}
              <input name="heldOn" type="date" required />
            </label>
            <label>
              {t('riskParticipants')}
              <input name="participants" type="number" min={0} required />
            </label>
            <label>
              {t('riskConsulted')}
              <input name="consulted" required />
            </label>
          </div>
          <label>
            {t('riskOpinionsOnePerLine')}
            <textarea name="opinions" rows={2} />
          </label>
          {add.error && <div className="error">{add.error}</div>}
          <div className="actions">
            <button type="submit" className="primary small" disabled={add.busy}>
              {t('save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

import { useState } from 'react';
import { api, type Me } from '../api';
import { useRiskT } from '../components/risk/common';
import { RiskAreaPicker } from '../components/risk/RiskAreaPicker';
import type { Matter } from '../components/risk/types';
import { useSubmit } from '../hooks';
import { navigate } from '../navigation';
import '../components/risk/risk.css';
import { type ApiBody, call, client } from '../api/client';

const TYPES = ['project', 'decision', 'reform', 'other'] as const;

/** 确定事项: registers a matter with its bodies, affected areas, budget and schedule. */
export function RiskNewPage({ me }: { me: Me }) {
  const { t, tk } = useRiskT();
  const [areas, setAreas] = useState<Array<{ code: string; name: string }>>([]);
  const [kind, setKind] = useState<'special' | 'immediate'>('special');
  const { busy, error, fields, submit } = useSubmit<Matter>();
  const onSubmit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const s = (k: string) => f.get(k)?.toString().trim() || null;
    const budget = s('budget');
    const m = await submit(() =>
      call(
        client.POST('/api/risk/matters', {
          body: {
            title: s('title') ?? '',
            type: s('type') as ApiBody<'/api/risk/matters'>['type'],
            kind,
            decidingBody: s('decidingBody') ?? '',
            implementingBody: s('implementingBody') ?? '',
            implementingCreditCode: s('implementingCreditCode'),
            areaCodes: areas.map((a) => a.code),
            budget: budget === null ? null : Number(budget),
            scheduleStart: s('scheduleStart'),
            scheduleEnd: s('scheduleEnd'),
            background: s('background'),
            basis: s('basis'),
          },
        }),
      ),
    );
    if (m) navigate(`/risk/${m.id}`);
  };
  const err = (k: string) => fields[k] && <div className="field-error">{fields[k]}</div>;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('riskNew')}</h1>
      </header>
      <form className="card form risk-form" onSubmit={onSubmit}>
        <label>
          {t('riskMatterTitle')}
          <input name="title" required maxLength={200} />
          {err('title')}
        </label>
        <div className="risk-grid2">
          <label>
            {t('riskType')}
            <select name="type">
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {tk('type', x)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="fieldset">
            <legend>{t('riskKind')}</legend>
            <div className="form-row">
              {(['special', 'immediate'] as const).map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />
                  {tk('kind', k)}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            {t('riskDecidingBody')}
            <input name="decidingBody" required />
            {err('decidingBody')}
          </label>
          <label>
            {t('riskImplementingBody')}
            <input name="implementingBody" required />
            {err('implementingBody')}
          </label>
          <label>
            {t('riskImplementingCode')}
            <input name="implementingCreditCode" maxLength={18} />
            {err('implementingCreditCode')}
          </label>
          <label>
            {t('riskBudget')}
            <input name="budget" type="number" min={0} step="0.01" />
          </label>
          <label>
            {t('riskScheduleStart')}
            <input name="scheduleStart" type="date" />
          </label>
          <label>
            {t('riskScheduleEnd')}
            <input name="scheduleEnd" type="date" />
          </label>
        </div>
        <div>
          <div className="label">{t('riskAreas')}</div>
          <RiskAreaPicker root={me.scope.code} value={areas} onChange={setAreas} />
          {err('areaCodes')}
        </div>
        <label>
          {t('riskBackground')}
          <textarea name="background" rows={3} />
        </label>
        <label>
          {t('riskBasis')}
          <textarea name="basis" rows={2} />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <div className="actions">
          <button className="primary" type="submit" disabled={busy || areas.length === 0}>
            {t('riskCreate')}
          </button>
        </div>
      </form>
    </div>
  );
}

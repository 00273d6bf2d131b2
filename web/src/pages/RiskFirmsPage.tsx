import { api, type Me } from '../api';
import { useCan } from '../can';
import { PageState } from '../components/common';
import { useRiskT } from '../components/risk/common';
import type { Firm } from '../components/risk/types';
import { useGet, useSubmit } from '../hooks';
import { linkHandler } from '../navigation';
import '../components/risk/risk.css';
import { call, client } from '../api/client';

/** The third-party assessment firms: credit code, qualifications, staff, ties that bar them, workload and ratings. */
export function RiskFirmsPage({ me }: { me: Me }) {
  const { t } = useRiskT();
  const can = useCan();
  const { data, error, loading, reload } = useGet('/api/risk/firms');
  const { busy, error: saveError, fields, submit } = useSubmit<{ id: string }>();
  const onAdd = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => f.get(k)?.toString().trim() ?? '';
    const ties = s('ties')
      .split('\n')
      .map((l) => l.split(/[,,]/).map((x) => x.trim()))
      .filter((p) => p[0])
      .map(([name, code, relation]) => ({ name: name!, creditCode: code || null, relation: relation || '关联' }));
    const r = await submit(() =>
      call(
        client.POST('/api/risk/firms', {
          body: {
            name: s('name'),
            creditCode: s('creditCode'),
            staffCount: Number(s('staffCount') || 0),
            qualifications: s('qualifications')
              .split(/[,,、]/)
              .map((q) => q.trim())
              .filter(Boolean),
            contact: s('contact') || null,
            ties,
          },
        }),
      ),
    );
    if (r) form.reset(), reload();
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('riskFirms')}</h1>
        {data && <span className="badge">{data.length}</span>}
        <span className="spacer" />
        <a className="button" href="/risk" onClick={linkHandler('/risk')}>
          {t('riskTitle')}
        </a>
      </header>
      <PageState error={error} loading={loading && !data} />
      {can('risk:configure') && (
        <form className="card form" onSubmit={onAdd} aria-label={t('riskAddFirm')}>
          <b>{t('riskAddFirm')}</b>
          <div className="risk-grid4">
            <label className="span2">
              {t('name')}
              <input name="name" required />
            </label>
            <label>
              {t('riskCreditCode')}
              <input name="creditCode" required maxLength={18} />
              {fields.creditCode && <span className="field-error">{fields.creditCode}</span>}
            </label>
            <label>
              {t('riskStaff')}
              <input name="staffCount" type="number" min={1} required />
            </label>
          </div>
          <label>
            {t('riskQualifications')}
            <input name="qualifications" />
          </label>
          <label>
            {t('riskTies')}
            <textarea name="ties" rows={2} placeholder={t('riskTiesHint')} />
          </label>
          {saveError && (
            <div className="error" role="alert">
              {saveError}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary small" disabled={busy}>
              {t('save')}
            </button>
          </div>
        </form>
      )}
      {data && (
        <table className="table" data-testid="risk-firms">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('riskCreditCode')}</th>
              <th>{t('riskQualifications')}</th>
              <th className="num">{t('riskStaff')}</th>
              <th>{t('riskTies')}</th>
              <th className="num">
                {t('riskOpen')}/{t('riskTotal')}
              </th>
              <th className="num">{t('riskAvgRating')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.name} {f.status !== 'active' && <span className="deadline-badge-red">{t('riskSuspended')}</span>}
                </td>
                <td className="mono">{f.creditCode}</td>
                <td className="small">{f.qualifications.join('、')}</td>
                <td className="num">{f.staffCount}</td>
                <td className="small">{f.ties.map((x) => `${x.name}(${x.relation})`).join('、')}</td>
                <td className="num">
                  {f.openCount}/{f.totalCount}
                </td>
                <td className="num">
                  {f.avgRating ?? '—'} <span className="muted small">({f.ratingCount})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

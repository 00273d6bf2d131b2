import type { ApiItem } from '../api/client';
import { useApi } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';
import type { SpecialGroup } from './PeoplePage';

type Overdue = ApiItem<'/api/overdue-visits'>;

/** Special-group members whose visit is overdue, most overdue first: a first-class view. */
export function OverduePage() {
  const { t, lang } = useT();
  const { data } = useApi<{ items: Overdue[] }>('/api/overdue-visits?limit=200');
  const groups = useApi<SpecialGroup[]>('/api/special-groups');
  const groupName = (tag: string) =>
    groups.data?.find((g) => g.tag === tag)?.[lang === 'en' ? 'nameEn' : 'name'] ?? tag;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('overdue')}</h1>
        {data && <span className="badge warn">{data.items.length}</span>}
      </header>
      <section className="card">
        {!data ? (
          <p className="muted">{t('loading')}</p>
        ) : data.items.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('tags')}</th>
                <th className="num">{t('overdueDays')}</th>
                <th>{t('nextDue')}</th>
                <th>{t('lastVisit')}</th>
                <th>{t('worker')}</th>
                <th>{t('grid')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((o) => (
                <tr key={o.tagId}>
                  <td>
                    <a href={`/people/${o.personId}`} onClick={linkHandler(`/people/${o.personId}`)}>
                      {o.personName}
                    </a>
                  </td>
                  <td>
                    <span className={`risk risk-${o.riskLevel}`}>{groupName(o.tag)}</span>{' '}
                    <span className="muted">{t(o.riskLevel as MessageKey)}</span>
                  </td>
                  <td className="num">{o.overdueDays}</td>
                  <td>{formatTime(o.nextVisitDue, lang).slice(0, 10)}</td>
                  <td>{o.lastVisitAt ? formatTime(o.lastVisitAt, lang).slice(0, 10) : '—'}</td>
                  <td>{o.workerName ?? '—'}</td>
                  <td className="mono">{o.gridCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

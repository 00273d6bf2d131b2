import { useState } from 'react';
import { type ApiItem, type ApiQuery, call, client } from '../api/client';
import { Can } from '../can';
import { useApi, usePaged } from '../hooks';
import { type MessageKey, useT } from '../i18n';
import { linkHandler, navigate } from '../navigation';

export type PersonRow = ApiItem<'/api/people'>;
/** GET /api/special-groups declares no response schema, so this one stays written by hand. */
export interface SpecialGroup {
  tag: string;
  name: string;
  nameEn: string;
}

/** 实有人口: one search box (name, ID number, last four, phone) plus filters, cursor-paged. */
export function PeoplePage({ search }: { search: URLSearchParams }) {
  const { t, lang } = useT();
  const [q, setQ] = useState(search.get('q') ?? '');
  const groups = useApi<SpecialGroup[]>('/api/special-groups');
  const params = new URLSearchParams();
  for (const k of ['q', 'areaCode', 'tag', 'riskLevel', 'status']) {
    const v = search.get(k);
    if (v) params.set(k, v);
  }
  // The filters come from the URL as text; the server validates them as it would any query.
  const filters = Object.fromEntries(params) as ApiQuery<'/api/people'>;
  const paged = usePaged<PersonRow>(
    (after) => call(client.GET('/api/people', { params: { query: { ...filters, limit: 50, after } } })),
    params.toString(),
  );
  const rows = paged.items ?? [];
  const { next, more } = paged;
  const setParam = (k: string, v: string) => {
    const p = new URLSearchParams(search);
    if (v) p.set(k, v);
    else p.delete(k);
    navigate(`/people?${p.toString()}`);
  };
  const groupName = (tag: string) => {
    const g = groups.data?.find((x) => x.tag === tag);
    return g ? (lang === 'en' ? g.nameEn : g.name) : tag;
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('people')}</h1>
        {search.get('areaCode') && <span className="mono muted">{search.get('areaCode')}</span>}
        <div className="spacer" />
        <Can permission="registry:write">
          <a
            className="button"
            href={`/people/new${search.get('areaCode') ? `?gridCode=${search.get('areaCode')}` : ''}`}
            onClick={linkHandler(
              `/people/new${search.get('areaCode')?.length === 15 ? `?gridCode=${search.get('areaCode')}` : ''}`,
            )}
          >
            + {t('newPerson')}
          </a>
        </Can>
      </header>
      <form className="filters" onSubmit={(e) => (e.preventDefault(), setParam('q', q.trim()))}>
        <input name="q" placeholder={t('query')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select
          aria-label={t('tags')}
          value={search.get('tag') ?? ''}
          onChange={(e) => setParam('tag', e.target.value)}
        >
          <option value="">{t('allTags')}</option>
          {groups.data?.map((g) => (
            <option key={g.tag} value={g.tag}>
              {lang === 'en' ? g.nameEn : g.name}
            </option>
          ))}
        </select>
        <select
          aria-label="risk"
          value={search.get('riskLevel') ?? ''}
          onChange={(e) => setParam('riskLevel', e.target.value)}
        >
          <option value="">{t('allRisks')}</option>
          {(['red', 'yellow', 'blue'] as const).map((r) => (
            <option key={r} value={r}>
              {t(r)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('status')}
          value={search.get('status') ?? ''}
          onChange={(e) => setParam('status', e.target.value)}
        >
          <option value="">{t('allStatus')}</option>
          {(['present', 'moved_out', 'deceased'] as const).map((s) => (
            <option key={s} value={s}>
              {t(s)}
            </option>
          ))}
        </select>
        <button className="primary small" type="submit">
          🔍
        </button>
      </form>
      <section className="card">
        {rows.length === 0 ? (
          <p className="muted">{t('noResults')}</p>
        ) : (
          <table className="table people">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('idNumber')}</th>
                <th>{t('sex')}</th>
                <th>{t('birthDate')}</th>
                <th>{t('phone')}</th>
                <th>{t('registrationType')}</th>
                <th>{t('tags')}</th>
                <th>{t('grid')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <a href={`/people/${p.id}`} onClick={linkHandler(`/people/${p.id}`)}>
                      {p.name}
                    </a>
                    {p.status !== 'present' && <span className="badge warn">{t(p.status as MessageKey)}</span>}
                  </td>
                  <td className="mono">{p.idNumberMasked}</td>
                  <td>{t(p.sex)}</td>
                  <td>{p.birthDate}</td>
                  <td className="mono">{p.phoneMasked ?? '—'}</td>
                  <td>{t(p.registrationType as MessageKey)}</td>
                  <td>
                    {p.tags.map((tag) => (
                      <span key={tag} className="chip static">
                        {groupName(tag)}
                      </span>
                    ))}
                  </td>
                  <td className="mono">{p.gridCode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {next && (
          <button type="button" className="link-button" onClick={more}>
            {t('more')}
          </button>
        )}
      </section>
    </div>
  );
}

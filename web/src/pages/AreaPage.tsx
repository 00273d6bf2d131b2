import { useEffect, useState } from 'react';
import { ApiError, type AreaDetail, api, type ClientConfig } from '../api';
import { call, client } from '../api/client';
import { useCan } from '../can';
import { AreaMap } from '../components/AreaMap';
import { GridWorkersPanel } from '../components/GridWorkersPanel';
import { formatTime, useT } from '../i18n';
import { linkHandler } from '../navigation';
import { downloadWithToken } from './AreaImportPage';

export function AreaPage({ code, config }: { code: string; config: ClientConfig | null }) {
  const { t, level, lang } = useT();
  const [area, setArea] = useState<AreaDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(0);
  const can = useCan();

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per area code; t changes with the language and must not refetch the area
  useEffect(() => {
    if (!saved) setArea(null);
    setError(null);
    call(client.GET('/api/areas/{code}', { params: { path: { code } } })).then(setArea, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 404 ? t('notFound') : String(e)),
    );
  }, [code, saved]);

  if (error) {
    return (
      <div className="page">
        <div className="empty" role="alert">
          {error}
        </div>
      </div>
    );
  }
  if (!area) return <div className="page muted">{t('loading')}</div>;

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="breadcrumbs">
        {area.ancestors.map((a) => (
          <span key={a.code}>
            <a href={`/areas/${a.code}`} onClick={linkHandler(`/areas/${a.code}`)}>
              {a.name}
            </a>
            <span className="sep">/</span>
          </span>
        ))}
        <span aria-current="page">{area.name}</span>
      </nav>
      <header className="page-head">
        <h1>{area.name}</h1>
        <span className="badge">{level(area.level)}</span>
        <span className="mono muted">{area.code}</span>
        {area.status === 'retired' && <span className="badge warn">{t('retired')}</span>}
        <div className="spacer" />
        <a
          className="button"
          href={`/people?areaCode=${area.code}`}
          onClick={linkHandler(`/people?areaCode=${area.code}`)}
        >
          {t('peopleHere')}
        </a>
        <a
          className="button"
          href={`/elements/houses?areaCode=${area.code}`}
          onClick={linkHandler(`/elements/houses?areaCode=${area.code}`)}
        >
          {t('elements')}
        </a>
        <button
          type="button"
          className="button"
          onClick={() => downloadWithToken(`/api/areas/export.geojson?root=${area.code}`, `${area.code}.geojson`)}
        >
          {t('exportGeoJson')}
        </button>
      </header>
      <div className="area-grid">
        <section className="card facts">
          <h3>{t('facts')}</h3>
          <dl>
            <dt>{t('level')}</dt>
            <dd>{level(area.level)}</dd>
            <dt>{t('code')}</dt>
            <dd className="mono">{area.code}</dd>
            <dt>{t('children')}</dt>
            <dd>{area.children.length}</dd>
            <dt>{t('status')}</dt>
            <dd>{area.status === 'active' ? t('active') : t('retired')}</dd>
            <dt>{t('updatedAt')}</dt>
            <dd>{formatTime(area.updatedAt, lang)}</dd>
          </dl>
        </section>
        <section className="card map-card">
          <AreaMap
            code={area.code}
            config={config}
            edit={
              area.level === 'grid' && area.status === 'active' && can('area:write')
                ? { version: area.version, onSaved: () => setSaved((n) => n + 1) }
                : undefined
            }
          />
          {saved > 0 && (
            <p className="notice" role="status" data-testid="boundary-saved">
              {t('boundarySaved')}
            </p>
          )}
        </section>
      </div>
      {area.children.length > 0 && (
        <section className="card">
          <h3>
            {t('children')} <span className="muted">({area.children.length})</span>
          </h3>
          <table className="table children">
            <thead>
              <tr>
                <th>{t('name')}</th>
                <th>{t('code')}</th>
                <th>{t('level')}</th>
                <th className="num">{t('childCount')}</th>
              </tr>
            </thead>
            <tbody>
              {area.children.map((c) => (
                <tr key={c.code}>
                  <td>
                    <a href={`/areas/${c.code}`} onClick={linkHandler(`/areas/${c.code}`)}>
                      {c.name}
                    </a>
                  </td>
                  <td className="mono">{c.code}</td>
                  <td>{level(c.level)}</td>
                  <td className="num">{c.childCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {(area.level === 'village' || area.level === 'grid') && <GridWorkersPanel code={area.code} />}
    </div>
  );
}

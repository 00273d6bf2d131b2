import type { ApiItem } from '../api/client';
import { useApi } from '../hooks';
import { type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';

type Hit = ApiItem<'/api/search'>;

const HREF: Record<Hit['type'], (id: string) => string | null> = {
  person: (id) => `/people/${id}`,
  household: (id) => `/households/${id}`,
  house: (id) => `/elements/houses/${id}`,
  place: (id) => `/elements/places/${id}`,
  organization: (id) => `/elements/organizations/${id}`,
};

export function SearchPage({ q }: { q: string }) {
  const { t } = useT();
  const { data, loading } = useApi<{ items: Hit[] }>(q ? `/api/search?q=${encodeURIComponent(q)}&limit=20` : null);
  return (
    <div className="page">
      <header className="page-head">
        <h1>“{q}”</h1>
      </header>
      <section className="card">
        {loading && <p className="muted">{t('loading')}</p>}
        {data && data.items.length === 0 && <p className="muted">{t('noResults')}</p>}
        <ul className="hits">
          {data?.items.map((h) => {
            const href = HREF[h.type](h.id);
            return (
              <li key={`${h.type}${h.id}`}>
                <span className="badge">{t(h.type as MessageKey)}</span>
                {href ? (
                  <a href={href} onClick={linkHandler(href)}>
                    {h.title}
                  </a>
                ) : (
                  <strong>{h.title}</strong>
                )}
                <span className="muted">{h.subtitle}</span>
                <span className="mono muted">{h.gridCode}</span>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { api } from '../api';
import type { ApiItem } from '../api/client';
import { useT } from '../i18n';

type Worker = ApiItem<'/api/areas/{code}/grid-workers'>;

export function GridWorkersPanel({ code }: { code: string }) {
  const { t } = useT();
  const [items, setItems] = useState<Worker[] | null>(null);
  useEffect(() => {
    setItems(null);
    api<{ items: Worker[] }>(`/api/areas/${code}/grid-workers?limit=50`).then(
      (r) => setItems(r.items),
      () => setItems([]),
    );
  }, [code]);
  return (
    <section className="card">
      <h3>{t('gridWorkers')}</h3>
      {items === null ? (
        <p className="muted">{t('loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('name')}</th>
              <th>{t('phone')}</th>
              <th>{t('grids')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((w) => (
              <tr key={w.id}>
                <td>{w.name}</td>
                <td className="mono">{w.phoneMasked ?? '—'}</td>
                <td className="mono">{w.gridCodes.map((g) => g.slice(-3)).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { session } from '../../api';
import { useT } from '../../i18n';
import { navigate } from '../../navigation';
import { type CategoryChange, type ChildRow, type Dashboard, pct } from './types';

/** Saves one dashboard table as .xlsx from the server, which fills it with the same figures as the screen. */
async function exportTable(code: string, table: string, query: string) {
  const token = session.token();
  const res = await fetch(`/api/dashboard/${code}/export.xlsx?table=${table}&${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  if (!res.ok) return;
  const m = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = m ? decodeURIComponent(m[1]!) : `${table}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function ExportButton({ code, table, query }: { code: string; table: string; query: string }) {
  const { t } = useT();
  return (
    <button
      type="button"
      className="db-export"
      data-testid={`export-${table}`}
      onClick={() => void exportTable(code, table, query)}
    >
      ⤓ {t('dbExport')}
    </button>
  );
}

export function ChildrenTable({ d, query, big }: { d: Dashboard; query: string; big: boolean }) {
  const { t, level } = useT();
  if (d.children.length === 0) return null;
  const drill = (c: ChildRow) => navigate(`/dashboard/${c.code}${big ? `?screen=big&${query}` : `?${query}`}`);
  return (
    <section className="db-panel db-children">
      <header>
        <h3>{t('dbChildren')}</h3>
        {!big && <ExportButton code={d.area.code} table="children" query={query} />}
      </header>
      <table className="table" data-testid="db-children">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('dbReceived')}</th>
            <th>{t('dbClosed')}</th>
            <th>{t('dbOpen')}</th>
            <th>{t('dbOverdue')}</th>
            <th>{t('dbOnTime')}</th>
            <th>{t('dbSatisfaction')}</th>
            <th>{t('dbDisputes')}</th>
            {!big && <th>{t('dbVisits')}</th>}
          </tr>
        </thead>
        <tbody>
          {d.children.map((c) => (
            <tr key={c.code} className="db-drill" data-code={c.code} onClick={() => drill(c)}>
              <td>
                <a href={`/dashboard/${c.code}`} onClick={(e) => (e.preventDefault(), drill(c))}>
                  {c.name}
                </a>{' '}
                <small className="muted">{level(c.level)}</small>
              </td>
              <td data-k="received">{c.received}</td>
              <td>{c.closed}</td>
              <td data-k="open">{c.open}</td>
              <td data-k="overdue" className={c.overdue > 0 ? 'db-bad' : ''}>
                {c.overdue}
              </td>
              <td>{pct(c.onTimeRate)}</td>
              <td>{pct(c.satisfactionRate)}</td>
              <td>{c.disputes}</td>
              {!big && <td>{pct(c.visitCompliance)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CategoryTable({
  d,
  rows,
  table,
  title,
  query,
  big,
}: {
  d: Dashboard;
  rows: CategoryChange[];
  table: string;
  title: string;
  query: string;
  big: boolean;
}) {
  const { t, lang } = useT();
  return (
    <section className="db-panel">
      <header>
        <h3>{title}</h3>
        {!big && <ExportButton code={d.area.code} table={table} query={query} />}
      </header>
      {rows.length === 0 ? (
        <p className="muted">{t('dbNoRising')}</p>
      ) : (
        <table className="table" data-testid={`db-${table}`}>
          <thead>
            <tr>
              <th>{t('category')}</th>
              <th>{t('dbCurrent')}</th>
              <th>{t('dbPrevious')}</th>
              <th>{t('dbChange')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <td>{lang === 'en' ? r.nameEn : r.name}</td>
                <td>{r.current}</td>
                <td>{r.previous}</td>
                <td className={r.change > 0 ? 'db-bad' : ''}>
                  {r.change > 0 ? `+${r.change}` : r.change}
                  {r.changeRate !== null ? ` (${pct(r.changeRate)})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

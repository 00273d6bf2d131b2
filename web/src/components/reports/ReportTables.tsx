import { useT } from '../../i18n';
import { pct, type Situation } from './types';

/** A cell with a thin bar under the number: the row's share of the column's largest value. */
function Bar({ value, max }: { value: number; max: number }) {
  return (
    <span className="report-bar-cell">
      {value}
      <i style={{ width: `${max ? Math.round((100 * value) / max) : 0}%` }} />
    </span>
  );
}

/** The report's tables: categories, rising categories, hotspots, mediation levels, overdue units. */
export function ReportTables({ r }: { r: Situation }) {
  const { t, lang } = useT();
  const nm = (c: { name: string; nameEn: string }) => (lang === 'zh-CN' ? c.name : c.nameEn);
  const gridMax = Math.max(0, ...r.hotspots.grids.map((g) => g.events));
  const finished = r.mediation.levels.reduce((a, l) => a + l.resolved, 0) + r.mediation.exhausted;
  return (
    <div className="report-tables">
      <section className="card">
        <h3>{t('rpByCategory')}</h3>
        <table className="table" data-testid="report-categories">
          <thead>
            <tr>
              <th>{t('rpCategory')}</th>
              <th>{t('rpCurrent')}</th>
              <th>{t('rpPrevious')}</th>
              <th>{t('rpVsPrev')}</th>
              <th>{t('rpLastYear')}</th>
              <th>{t('rpVsYear')}</th>
            </tr>
          </thead>
          <tbody>
            {r.categories.map((c) => (
              <tr key={c.code}>
                <td>{nm(c)}</td>
                <td>{c.current}</td>
                <td>{c.previous}</td>
                <td>{pct(c.change)}</td>
                <td>{c.lastYear}</td>
                <td>{pct(c.yoy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h3>{t('rpRising')}</h3>
        {r.rising.length === 0 ? (
          <p className="muted">{t('rpNone')}</p>
        ) : (
          <table className="table" data-testid="report-rising">
            <thead>
              <tr>
                <th>{t('rpCategory')}</th>
                <th>{t('rpCurrent')}</th>
                <th>{t('rpPrevious')}</th>
                <th>{t('rpIncrease')}</th>
                <th>{t('rpVsPrev')}</th>
              </tr>
            </thead>
            <tbody>
              {r.rising.map((c) => (
                <tr key={c.code}>
                  <td>{nm(c)}</td>
                  <td>{c.current}</td>
                  <td>{c.previous}</td>
                  <td>+{c.increase}</td>
                  <td>{pct(c.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h3>{t('rpHotGrids')}</h3>
        {r.hotspots.grids.length === 0 ? (
          <p className="muted">{t('rpNone')}</p>
        ) : (
          <table className="table" data-testid="report-grids">
            <tbody>
              {r.hotspots.grids.map((g) => (
                <tr key={g.code}>
                  <td>
                    {g.village && !g.name.startsWith(g.village) ? `${g.village} · ` : ''}
                    {g.name}
                  </td>
                  <td>
                    <Bar value={g.events} max={gridMax} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t('rpHotPlaces')}</h3>
        {r.hotspots.places.length === 0 ? (
          <p className="muted">{t('rpNone')}</p>
        ) : (
          <table className="table" data-testid="report-places">
            <tbody>
              {r.hotspots.places.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.name}
                    <div className="muted small">{p.address}</div>
                  </td>
                  <td>{p.events}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.hotspots.addresses.length > 0 && (
          <>
            <h3>{t('rpHotAddresses')}</h3>
            <table className="table">
              <tbody>
                {r.hotspots.addresses.map((a) => (
                  <tr key={a.address}>
                    <td>{a.address}</td>
                    <td>{a.events}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <section className="card">
        <h3>{t('rpMediation')}</h3>
        <table className="table" data-testid="report-mediation">
          <thead>
            <tr>
              <th />
              <th>{t('rpResolved')}</th>
              <th>{t('rpShare')}</th>
            </tr>
          </thead>
          <tbody>
            {r.mediation.levels.map((l) => (
              <tr key={l.key}>
                <td>{nm(l)}</td>
                <td>
                  <Bar value={l.resolved} max={finished} />
                </td>
                <td>{pct(l.share).replace('+', '')}</td>
              </tr>
            ))}
            <tr>
              <td>{t('rpExhausted')}</td>
              <td>
                <Bar value={r.mediation.exhausted} max={finished} />
              </td>
              <td>{finished ? pct(r.mediation.exhausted / finished).replace('+', '') : '—'}</td>
            </tr>
          </tbody>
        </table>
        <h3>{t('rpOverdueUnits')}</h3>
        {r.overdueUnits.length === 0 ? (
          <p className="muted">{t('rpNone')}</p>
        ) : (
          <table className="table" data-testid="report-overdue-units">
            <thead>
              <tr>
                <th>{t('rpUnit')}</th>
                <th>{t('rpEvents')}</th>
                <th>{t('rpOverdue')}</th>
              </tr>
            </thead>
            <tbody>
              {r.overdueUnits.map((u) => (
                <tr key={u.unitId ?? 'none'}>
                  <td>{u.name ?? t('rpUndispatched')}</td>
                  <td>{u.events}</td>
                  <td>{u.overdue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

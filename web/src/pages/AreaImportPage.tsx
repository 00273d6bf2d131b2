import { useState } from 'react';
import { session } from '../api';
import { getLang, type MessageKey, useT } from '../i18n';

interface Problem {
  source: 'row' | 'feature' | 'file';
  index: number;
  code: string | null;
  problem: string;
  severity: 'error' | 'warning';
  message: string;
  messageEn: string;
}
interface Report {
  dryRun: boolean;
  applied: boolean;
  counts: Record<
    | 'rows'
    | 'features'
    | 'errors'
    | 'warnings'
    | 'create'
    | 'rename'
    | 'redraw'
    | 'unchanged'
    | 'elementsMoved'
    | 'eventsMoved',
    number
  >;
  problems: Problem[];
}
const DATUMS = ['wgs84', 'cgcs2000', 'gcj02'] as const;
const COUNTS: Array<[keyof Report['counts'], MessageKey]> = [
  ['errors', 'countErrors'],
  ['warnings', 'countWarnings'],
  ['create', 'countCreate'],
  ['rename', 'countRename'],
  ['redraw', 'countRedraw'],
  ['unchanged', 'countUnchanged'],
  ['elementsMoved', 'countElementsMoved'],
  ['eventsMoved', 'countEventsMoved'],
];

/** Downloads with the bearer token (a plain link would not carry it). */
export async function downloadWithToken(url: string, name: string) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${session.token()}`, 'accept-language': getLang() },
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(await res.blob());
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

/** An administrator loads the city's own area tree and boundaries: dry run, read the report, then apply. */
export function AreaImportPage() {
  const { t, lang } = useT();
  const [divisions, setDivisions] = useState<File | null>(null);
  const [boundaries, setBoundaries] = useState<File | null>(null);
  const [datum, setDatum] = useState<(typeof DATUMS)[number]>('wgs84');
  const [codeProperty, setCodeProperty] = useState('code');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reset = () => setReport(null);

  const send = async (dryRun: boolean) => {
    if (!divisions) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append('datum', datum);
      form.append('dryRun', String(dryRun));
      form.append('codeProperty', codeProperty);
      form.append('divisions', divisions);
      if (boundaries) form.append('boundaries', boundaries);
      const res = await fetch('/api/areas/import', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.token()}`, 'accept-language': getLang() },
        body: form,
      });
      const data = (await res.json()) as Report & { error?: { message: string } };
      if (!res.ok && res.status !== 422) throw new Error(data.error?.message ?? res.statusText);
      setReport(data);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const where = (p: Problem) =>
    p.source === 'file'
      ? t('problemFile')
      : t(p.source === 'row' ? 'problemRow' : 'problemFeature').replace('{n}', String(p.index));
  const canApply = report !== null && report.dryRun && report.counts.errors === 0 && !busy;

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('areaImportTitle')}</h1>
      </header>
      <p className="muted">{t('areaImportHint')}</p>
      <section className="card form-row">
        <label>
          {t('divisionsFile')}{' '}
          <input
            type="file"
            aria-label={t('divisionsFile')}
            accept=".csv,.xlsx,.geojson,.json"
            onChange={(e) => (setDivisions(e.target.files?.[0] ?? null), reset())}
          />
        </label>
        <label>
          {t('boundariesFile')}{' '}
          <input
            type="file"
            aria-label={t('boundariesFile')}
            accept=".geojson,.json,.zip,.kml"
            onChange={(e) => (setBoundaries(e.target.files?.[0] ?? null), reset())}
          />
        </label>
        <label>
          {t('datum')}{' '}
          <select
            aria-label={t('datum')}
            value={datum}
            onChange={(e) => (setDatum(e.target.value as typeof datum), reset())}
          >
            {DATUMS.map((d) => (
              <option key={d} value={d}>
                {t(`datum_${d}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('codeProperty')}{' '}
          <input
            aria-label={t('codeProperty')}
            value={codeProperty}
            size={8}
            onChange={(e) => (setCodeProperty(e.target.value), reset())}
          />
        </label>
        <button type="button" className="button" disabled={!divisions || busy} onClick={() => send(true)}>
          {t('runDryRun')}
        </button>
        <button type="button" className="primary small" disabled={!canApply} onClick={() => send(false)}>
          {t('applyImport')}
        </button>
      </section>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {report && (
        <section className="card" data-testid="area-import-report">
          <p className={report.counts.errors > 0 ? 'bad' : ''}>
            {report.dryRun ? t('dryRunDone') : report.applied ? t('importApplied') : t('importNotApplied')}
          </p>
          <div className="stats">
            {COUNTS.map(([k, label]) => (
              <span key={k} className={k === 'errors' && report.counts.errors > 0 ? 'bad' : ''}>
                {t(label)} <b data-count={k}>{report.counts[k]}</b>
              </span>
            ))}
          </div>
          {report.problems.length === 0 ? (
            <p className="muted">{t('noProblems')}</p>
          ) : (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('problemWhere')}</th>
                  <th>{t('code')}</th>
                  <th>{t('problemId')}</th>
                  <th>{t('message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p) => (
                  <tr
                    key={`${p.source}${p.index}${p.problem}${p.code}`}
                    className={p.severity === 'error' ? 'bad' : ''}
                  >
                    <td>{where(p)}</td>
                    <td className="mono">{p.code ?? ''}</td>
                    <td>
                      {t(`severity_${p.severity}`)} · <span className="mono">{p.problem}</span>
                    </td>
                    <td>{lang === 'en' ? p.messageEn : p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </div>
  );
}

import { useState } from 'react';
import { ApiError, session } from '../api';
import { getLang, useT } from '../i18n';

interface Result {
  received: number;
  valid: number;
  inserted: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ row: number; column: string; message: string }>;
  reportUrl: string | null;
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Download with the bearer token (a plain link would not carry it). */
async function download(url: string, name: string) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${session.token()}`, 'accept-language': getLang() },
  });
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function ImportPage() {
  const { t } = useT();
  const [kind, setKind] = useState<'people' | 'houses' | 'organizations'>('people');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean, mode: 'valid_only' | 'all_or_nothing') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/import/${kind}?dryRun=${dryRun}&mode=${mode}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token()}`,
          'accept-language': getLang(),
          'content-type': file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : XLSX,
        },
        body: file,
      });
      const data = (await res.json()) as Result & { error?: { message: string } };
      if (!res.ok) throw new ApiError(res.status, 'import', data.error?.message ?? res.statusText);
      setResult(data);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('importExport')}</h1>
      </header>
      <section className="card form-row">
        <select
          aria-label="element"
          value={kind}
          onChange={(e) => (setKind(e.target.value as typeof kind), setResult(null))}
        >
          <option value="people">{t('people')}</option>
          <option value="houses">{t('house')}</option>
          <option value="organizations">{t('organizations')}</option>
        </select>
        <button
          type="button"
          className="button"
          onClick={() => download(`/api/import/templates/${kind}.xlsx`, `${kind}-template.xlsx`)}
        >
          {t('template')}
        </button>
        <input
          type="file"
          aria-label={t('chooseFile')}
          accept=".xlsx,.csv"
          onChange={(e) => (setFile(e.target.files?.[0] ?? null), setResult(null))}
        />
        <button type="button" className="button" disabled={!file || busy} onClick={() => send(true, 'valid_only')}>
          {t('dryRun')}
        </button>
        <button
          type="button"
          className="primary small"
          disabled={!file || busy}
          onClick={() => send(false, 'valid_only')}
        >
          {t('doImport')}
        </button>
        <button type="button" className="button" disabled={!file || busy} onClick={() => send(false, 'all_or_nothing')}>
          {t('allOrNothing')}
        </button>
        <div className="spacer" />
        <button type="button" className="button" onClick={() => download(`/api/export/${kind}.xlsx`, `${kind}.xlsx`)}>
          {t('export')}
        </button>
      </section>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      {result && (
        <section className="card" data-testid="import-result">
          <div className="stats">
            <span>
              {t('received')} <b>{result.received}</b>
            </span>
            <span>
              {t('inserted')} <b>{result.inserted}</b>
            </span>
            <span>
              {t('unchanged')} <b>{result.unchanged}</b>
            </span>
            <span className={result.rejected > 0 ? 'bad' : ''}>
              {t('rejected')} <b>{result.rejected}</b>
            </span>
            {result.reportUrl && (
              <button
                type="button"
                className="link-button"
                onClick={() => download(result.reportUrl!, 'import-errors.xlsx')}
              >
                {t('errorReport')}
              </button>
            )}
          </div>
          {result.errors.length > 0 && (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('row')}</th>
                  <th>{t('column')}</th>
                  <th>{t('message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed error table with no identity of their own
                  <tr key={i}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td>{e.message}</td>
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

import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { type ApiResult, call, client } from '../api/client';
import { PageState } from '../components/common';
import { Timeline, type TimelineItem } from '../components/Timeline';
import { useGet, useSubmit } from '../hooks';
import { formatTime, type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';

type Household = ApiResult<'/api/households/{id}'>;

/** A household with its members and visits; a grid worker records a visit here in a few taps. */
export function HouseholdPage({ id }: { id: string }) {
  const { t, lang } = useT();
  const { data: h, error, reload } = useGet('/api/households/{id}', { path: { id } });
  const [observed, setObserved] = useState('');
  const [requests, setRequests] = useState('');
  const [finding, setFinding] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error: submitError, fields, submit } = useSubmit<unknown>();
  if (error || !h) return <PageState error={error} loading={!h} />;

  const record = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const ok = await submit(() =>
      call(
        client.POST('/api/visits', {
          body: { householdId: id, observed, requests: requests || null, finding: finding || null },
        }),
      ),
    );
    if (ok === null) return;
    setObserved('');
    setRequests('');
    setFinding('');
    setSaved(true);
    reload();
  };

  return (
    <div className="page">
      <nav className="breadcrumbs">
        <a href={`/areas/${h.gridCode}`} onClick={linkHandler(`/areas/${h.gridCode}`)} className="mono">
          {h.gridCode}
        </a>
        <span className="sep">/</span>
        <span>{h.address}</span>
      </nav>
      <header className="page-head">
        <h1>{h.address}</h1>
        <span className="mono muted">{h.number}</span>
      </header>
      <div className="two-col">
        <section className="card">
          <h3>{t('members')}</h3>
          <ul className="members">
            {h.members.map((m) => (
              <li key={m.id}>
                <a href={`/people/${m.id}`} onClick={linkHandler(`/people/${m.id}`)}>
                  {m.name}
                </a>
                <span className="muted">
                  {m.relationToHead ?? ''} · {t(m.sex as MessageKey)} · {m.birthDate}
                </span>
                {m.status !== 'present' && <span className="badge warn">{t(m.status as MessageKey)}</span>}
              </li>
            ))}
          </ul>
        </section>
        <section className="card">
          <h3>{t('recordVisit')}</h3>
          <form className="form" onSubmit={record}>
            <label>
              {t('observed')}
              <textarea
                name="observed"
                rows={3}
                value={observed}
                onChange={(e) => setObserved(e.target.value)}
                required
              />
              {fields.observed && <span className="field-error">{fields.observed}</span>}
            </label>
            <label>
              {t('requests')}
              <textarea name="requests" rows={2} value={requests} onChange={(e) => setRequests(e.target.value)} />
            </label>
            <label>
              {t('finding')}
              <textarea name="finding" rows={2} value={finding} onChange={(e) => setFinding(e.target.value)} />
            </label>
            {submitError && (
              <div className="error" role="alert">
                {submitError}
              </div>
            )}
            {saved && (
              <div className="ok" role="status">
                {t('visitSaved')}
              </div>
            )}
            <button className="primary" type="submit" disabled={busy}>
              {t('submit')}
            </button>
          </form>
        </section>
      </div>
      <section className="card">
        <h3>{t('visits')}</h3>
        {h.visits.length === 0 ? (
          <p className="muted">{t('none')}</p>
        ) : (
          <ul className="visits">
            {h.visits.map((v) => (
              <li key={v.id}>
                <span className="muted">{formatTime(v.visitedAt, lang)}</span> {v.observed}
                {v.requests && <div>💬 {v.requests}</div>}
                {v.finding && (
                  <div className="finding">
                    ⚠ {v.finding}{' '}
                    {v.findingStatus === 'open' ? (
                      <HandOff visitId={v.id} onDone={reload} />
                    ) : (
                      <span className="badge">{t('handedOff')}</span>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h3>{t('timeline')}</h3>
        <Timeline items={h.timeline} />
      </section>
    </div>
  );
}

interface Category {
  code: string;
  name: string;
  children: Array<{ code: string; name: string }>;
}

/** Turns a visit's finding into an event: pick a category, one tap. */
function HandOff({ visitId, onDone }: { visitId: string; onDone: () => void }) {
  const { t } = useT();
  const { data } = useGet('/api/event-categories');
  const [code, setCode] = useState('');
  const { busy, error, submit } = useSubmit<unknown>();
  const send = async () => {
    if (!code) return;
    const ok = await submit(() =>
      call(
        client.POST('/api/visits/{id}/handoff', { params: { path: { id: visitId } }, body: { categoryCode: code } }),
      ),
    );
    if (ok !== null) onDone();
  };
  return (
    <span className="handoff">
      <select aria-label={t('eventCategory')} value={code} onChange={(e) => setCode(e.target.value)}>
        <option value="">{t('eventCategory')}</option>
        {data?.map((c) => (
          <optgroup key={c.code} label={c.name}>
            {c.children.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <button type="button" className="button" disabled={!code || busy} onClick={send}>
        {t('toEvent')}
      </button>
      {error && <span className="field-error">{error}</span>}
    </span>
  );
}

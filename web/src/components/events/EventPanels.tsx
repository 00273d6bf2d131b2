import { useRef, useState } from 'react';
import { openProtected, upload } from '../../api';
import { formatTime, type MessageKey, useT } from '../../i18n';
import { ACTION_LABELS, formatSize } from './labels';
import type { EventDetail, TimelineStep } from './types';

const MAX_BYTES = 10 * 1024 * 1024;

/** Parties as the server masks them. */
export function PartiesCard({ event }: { event: EventDetail }) {
  const { t } = useT();
  const parties = event.parties ?? [];
  if (parties.length === 0) return null;
  return (
    <section className="card" data-testid="parties">
      <h3>{t('parties')}</h3>
      <table className="table compact">
        <tbody>
          {parties.map((p) => (
            <tr key={p.id}>
              <td className="muted">{t(`party_${p.role}` as MessageKey)}</td>
              <td>{p.nameMasked}</td>
              <td className="mono">{p.phoneMasked ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Files on the event: open one (fetched with the token), or upload a new one. */
export function AttachmentsCard({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { t, lang } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const files = event.attachments ?? [];
  const send = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > MAX_BYTES) return setError(t('tooLarge'));
    setBusy(true);
    try {
      await upload(`/api/events/${event.id}/attachments`, file);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <section className="card" data-testid="attachments">
      <div className="card-head">
        <h3>{t('attachments')}</h3>
        {/* The server's event policy says who may attach now; the upload would answer 403 or 409 otherwise. */}
        {event.canAttach && (
          <label className="button small upload">
            {busy ? t('loading') : `+ ${t('upload')}`}
            <input
              ref={input}
              type="file"
              name="file"
              accept="image/jpeg,image/png,image/webp,application/pdf,.docx"
              disabled={busy}
              onChange={(e) => send(e.target.files?.[0])}
              hidden
            />
          </label>
        )}
      </div>
      {files.length === 0 ? (
        <p className="muted small">{event.canAttach ? t('uploadHint') : '—'}</p>
      ) : (
        <ul className="files">
          {files.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                className="link-button"
                onClick={() =>
                  openProtected(`/api/events/${event.id}/attachments/${f.id}`).catch((e: unknown) =>
                    setError(String(e)),
                  )
                }
              >
                <span className="file-kind">
                  {f.mime.startsWith('image/') ? 'IMG' : f.mime.includes('pdf') ? 'PDF' : 'DOC'}
                </span>{' '}
                {f.fileName}
              </button>
              <span className="muted small">
                {formatSize(f.size)} · {formatTime(f.createdAt, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && <div className="error">{error}</div>}
    </section>
  );
}

/** The event's history: every step, who took it, for which unit, and the note. */
export function EventTimeline({ eventId, steps }: { eventId: string; steps: TimelineStep[] }) {
  const { t, lang } = useT();
  return (
    <section className="card">
      <h3>{t('timeline')}</h3>
      <ol className="timeline" data-testid="event-timeline">
        {steps.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is an append-only history without ids, shown in a fixed order
          <li key={i} className={`tl-${s.action}`}>
            <div className="tl-head">
              <strong>{ACTION_LABELS[s.action]?.[lang] ?? s.action}</strong>
              {s.unit && <span className="chip static">{s.unit}</span>}
              <span className="muted">
                {s.actor} · {formatTime(s.at, lang)}
              </span>
            </div>
            {s.note && <div className="tl-reason">“{s.note}”</div>}
            {(s.attachments ?? []).map((a) => (
              <button
                key={a.id}
                type="button"
                className="link-button tl-file"
                onClick={() => void openProtected(`/api/events/${eventId}/attachments/${a.id}`).catch(() => undefined)}
              >
                {a.fileName}
              </button>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

import { useState } from 'react';
import { ApiError, api, upload } from '../../api';
import { type ApiBody, call, client } from '../../api/client';
import { useT } from '../../i18n';
import { UnitPicker } from './bits';
import { ACTION_LABELS, NEEDS_REASON, PRIMARY_ACTIONS } from './labels';
import type { EventDetail } from './types';

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * The actions this user may take now, as buttons over one note field. Dispatch and reassign send the
 * lead unit (the routing rule's suggestion by default); reject, return, rework and suspend need a
 * reason; closing while co-handler tasks are open is refused unless overridden with a reason.
 */
type TransitionBody = ApiBody<'/api/events/{id}/transitions'>;

export function EventActions({ event, onDone }: { event: EventDetail; onDone: () => void }) {
  const { t, lang } = useT();
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState(event.suggestedUnit?.id ?? event.leadUnit?.id ?? '');
  const [override, setOverride] = useState(false);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const openTasks = (event.coHandlers ?? []).filter((c) => c.status === 'open');
  const routing = event.actions.some((a) => a === 'dispatch' || a === 'reassign');
  const closing = event.actions.includes('close');
  if (event.actions.length === 0) return null;

  const act = async (action: string) => {
    setError(null);
    setNoteError(null);
    const reasonNeeded = NEEDS_REASON.has(action) || (action === 'close' && override);
    if (reasonNeeded && !note.trim()) return setNoteError(t('reasonRequired'));
    if (file && file.size > MAX_BYTES) return setError(t('tooLarge'));
    setBusy(true);
    try {
      const body: TransitionBody = { action: action as TransitionBody['action'], note: note.trim() || null };
      if ((action === 'dispatch' || action === 'reassign') && unitId) body.unitId = unitId;
      if (action === 'close' && override) body.override = true;
      await call(client.POST('/api/events/{id}/transitions', { params: { path: { id: event.id } }, body }));
      if (file) {
        // The file goes with the step just taken (its photo of the result, say).
        const d = await call(client.GET('/api/events/{id}', { params: { path: { id: event.id } } }));
        const step = [...d.timeline].reverse().find((x) => x.action === action);
        await upload(`/api/events/${event.id}/attachments`, file, step?.id ? { transitionId: step.id } : {});
      }
      setNote('');
      setFile(null);
      setOverride(false);
      setBlocked(null);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        const field = e.fields.find((f) => f.path === 'note' || f.path === 'body.note');
        if (field) setNoteError(field.message);
        else if (e.status === 409 && action === 'close' && openTasks.length > 0) setBlocked(e.message);
        else setError(e.fields[0]?.message ?? e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form event-actions" onSubmit={(e) => e.preventDefault()} data-testid="event-actions">
      {openTasks.length > 0 && closing && (
        <div className="notice warn" data-testid="co-open-warning">
          {t('coOpenWarning')} {openTasks.map((c) => c.unit.name).join('、')}
        </div>
      )}
      {routing && (
        // biome-ignore lint/a11y/noLabelWithoutControl: UnitPicker renders its native <select> inside this label, which labels it
        <label>
          {t('leadUnit')}
          <UnitPicker areaCode={event.gridCode} value={unitId} onChange={setUnitId} suggested={event.suggestedUnit} />
        </label>
      )}
      <label>
        {t('note')}
        <textarea name="note" rows={2} value={note} onChange={(e) => (setNote(e.target.value), setNoteError(null))} />
        {noteError && <span className="field-error">{noteError}</span>}
      </label>
      <label className="action-file">
        <span className="button small">+ {t('stepFile')}</span>
        <span className="muted small">{file?.name ?? ''}</span>
        <input
          key={file ? 'f' : 'none'}
          type="file"
          name="actionFile"
          hidden
          accept="image/jpeg,image/png,image/webp,application/pdf,.docx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </label>
      {blocked && (
        <div className="blocked" role="alert" data-testid="close-blocked">
          <div className="error">{blocked}</div>
          {closing && (
            <label className="inline-check">
              <input
                type="checkbox"
                name="override"
                checked={override}
                onChange={(e) => setOverride(e.target.checked)}
              />
              {t('overrideClose')}
            </label>
          )}
        </div>
      )}
      <div className="actions wrap">
        {event.actions.map((a) => (
          <button
            key={a}
            type="button"
            data-action={a}
            className={
              PRIMARY_ACTIONS.has(a) ? 'primary small' : NEEDS_REASON.has(a) ? 'button subtle-danger' : 'button'
            }
            disabled={busy}
            onClick={() => act(a)}
          >
            {ACTION_LABELS[a]?.[lang] ?? a}
          </button>
        ))}
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

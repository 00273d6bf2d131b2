import type { ApiError } from '../api';
import { useT } from '../i18n';

/** Loading and error states of a record page; null when the record is there. */
export function PageState({ error, loading }: { error: ApiError | null; loading: boolean }) {
  const { t } = useT();
  if (error) {
    return (
      <div className="page">
        <div className="empty" role="alert">
          {error.status === 404 ? t('notFound') : error.message}
        </div>
      </div>
    );
  }
  return loading ? <div className="page muted">{t('loading')}</div> : null;
}

export function RegistrationTypeSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useT();
  return (
    <select name="registrationType" value={value} onChange={(e) => onChange(e.target.value)}>
      {(['registered', 'floating', 'overseas'] as const).map((r) => (
        <option key={r} value={r}>
          {t(r)}
        </option>
      ))}
    </select>
  );
}

/** The end of every edit form: why the change is made, the server's message, save and cancel. */
export function EditFooter({
  reason,
  onReason,
  error,
  busy,
  onCancel,
}: {
  reason: string;
  onReason: (v: string) => void;
  error: string | null;
  busy: boolean;
  onCancel: () => void;
}) {
  const { t } = useT();
  return (
    <>
      <label>
        {t('reason')}
        <input name="reason" value={reason} onChange={(e) => onReason(e.target.value)} />
      </label>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <div className="actions">
        <button className="primary" type="submit" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </>
  );
}

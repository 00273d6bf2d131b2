import { useCan } from '../../can';
import { useGet } from '../../hooks';
import { useT } from '../../i18n';
import { linkHandler } from '../../navigation';

/**
 * The dashboard's banner when next year's holidays are missing (from 1 November) or this year's are: deadlines that
 * cross into a year without a calendar count its holidays as working days. Shown only to those who can fix it on
 * the calendar page.
 */
export function CalendarWarning() {
  const { t } = useT();
  const canEdit = useCan()('calendar:write');
  const { data } = useGet(canEdit ? '/api/calendar/status' : null);
  if (!canEdit || !data?.warning) return null;
  const year = data.warning === 'current-year-missing' ? data.currentYear : data.nextYear;
  const text = t('calWarnMissing')
    .replace('{year}', String(year))
    .replace('{dataset}', data.dataset)
    .replace('{last}', data.official ? String(data.official.last) : '—');
  return (
    <div className="notice warn" role="alert" data-testid="calendar-warning">
      <span>{text}</span>
      <a href="/admin/calendar" onClick={linkHandler('/admin/calendar')}>
        {t('calWarnAction')}
      </a>
    </div>
  );
}

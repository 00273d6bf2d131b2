import { useEffect, useState } from 'react';
import { api } from '../api';
import { PageState } from '../components/common';
import { useApi, useSubmit } from '../hooks';
import { useT } from '../i18n';
import './CalendarPage.css';
import { type ApiResult, call, client } from '../api/client';

type Kind = 'holiday' | 'workday';
type CalendarYear = ApiResult<'/api/calendar'>;

const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m + 1)}-${pad(d)}`;
/** Monday = 0 … Sunday = 6, for a calendar date (no time zone involved). */
const mondayIndex = (y: number, m: number, d: number) => (new Date(Date.UTC(y, m, d)).getUTCDay() + 6) % 7;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
/** 'YYYY-MM-DD' as the year, zero-based month and day that mondayIndex takes. */
const ymd = (date: string): [number, number, number] => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m - 1, d];
};

/**
 * The working-day calendar for administrators: a year of months, holidays in red and make-up working days (调休)
 * in blue, from the official dataset or, outlined, from a local override. Clicking a day opens a small editor above
 * the grid; removing an override returns the day to the official calendar.
 */
export function CalendarPage() {
  const { t, lang } = useT();
  const [year, setYear] = useState(() =>
    Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())),
  );
  const { data, error, loading, reload } = useApi<CalendarYear>(`/api/calendar?year=${year}`);
  const [selected, setSelected] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, error: saveError, fields, submit } = useSubmit<unknown>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: year is the trigger: changing the year clears the selection
  useEffect(() => setSelected(null), [year]);
  const byDate = new Map((data?.days ?? []).map((d) => [d.date, d]));
  const monthName = (m: number) =>
    new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m, 1)));
  const dows = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(lang, { weekday: 'narrow', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );

  const dayName = (d: { name: string | null; nameEn: string | null }) => (lang === 'en' ? d.nameEn : d.name) ?? '';
  const pick = (date: string, weekend: boolean) => {
    const o = byDate.get(date);
    setSelected(date);
    setSaved(false);
    // A first click suggests the useful change: an override keeps its kind; otherwise a working day becomes a
    // holiday and a day off a make-up working day.
    const off = o ? o.kind === 'holiday' : weekend;
    setKind(o?.source === 'override' ? o.kind : off ? 'workday' : 'holiday');
    setName(o?.source === 'override' ? (o.name ?? '') : '');
  };
  /** The tooltip and the editor's heading: name, where the day comes from, and what the dataset says beneath. */
  const describe = (date: string, weekend: boolean) => {
    const o = byDate.get(date);
    if (!o) return t(weekend ? 'calIsOff' : 'calIsWorking');
    const kindLabel = t(o.kind === 'holiday' ? 'calHoliday' : 'calWorkday');
    if (o.source === 'official') return `${dayName(o) || kindLabel} · ${t('calSourceOfficial')}`;
    const below = o.official ? `${t('calOfficialBelow')} ${dayName(o.official)}` : t('calOrdinaryBelow');
    return `${dayName(o) || kindLabel} · ${t('calSourceOverride')}(${below})`;
  };
  const save = async () => {
    if (!selected) return;
    const r = await submit(() =>
      call(
        client.PUT('/api/calendar/{date}', {
          params: { path: { date: selected } },
          body: { kind, name: kind ? name.trim() || null : null },
        }),
      ),
    );
    if (r !== null) {
      setSaved(true);
      reload();
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('calendarTitle')}</h1>
      </header>
      <p className="muted">{t('calendarHint')}</p>
      <div className="cal-toolbar">
        <button type="button" className="button" onClick={() => setYear(year - 1)} aria-label={t('calPrevYear')}>
          ‹
        </button>
        <span className="cal-year" data-testid="calendar-year">
          {year}
        </span>
        <button type="button" className="button" onClick={() => setYear(year + 1)} aria-label={t('calNextYear')}>
          ›
        </button>
        {data && (
          <span className="badge" data-testid="working-days">
            {t('calWorkingDays')} {data.workingDays} {t('calDaysUnit')}
          </span>
        )}
        <span className="cal-legend">
          <span>
            <i className="holiday" />
            {t('calHoliday')}
          </span>
          <span>
            <i className="workday" />
            {t('calWorkday')}
          </span>
          <span>
            <i className="weekend" />
            {t('calWeekend')}
          </span>
          <span>
            <i className="override" />
            {t('calSourceOverride')}
          </span>
        </span>
      </div>
      {data && !data.official && (
        <p className="notice warn" data-testid="calendar-year-missing">
          {t('calYearMissing').replace('{year}', String(data.year))}
        </p>
      )}

      {selected && (
        <section className="card cal-editor" aria-label={selected}>
          <div className="card-head">
            <h3 data-testid="cal-editor-title">
              {selected} · {describe(selected, mondayIndex(...ymd(selected)) >= 5)}
            </h3>
            <button type="button" className="button small" onClick={() => setSelected(null)}>
              {t('cancel')}
            </button>
          </div>
          <div className="form-row" role="radiogroup">
            {(
              [
                ['holiday', 'calHoliday'],
                ['workday', 'calWorkday'],
                [null, 'calDefault'],
              ] as const
            ).map(([k, label]) => (
              <label key={label}>
                <input
                  type="radio"
                  name="cal-kind"
                  checked={kind === k}
                  onChange={() => (setKind(k), setSaved(false))}
                />
                {t(label)}
              </label>
            ))}
          </div>
          {kind && (
            <div className="form-row" style={{ marginTop: 8 }}>
              <input
                value={name}
                maxLength={50}
                placeholder={t('calDayName')}
                aria-label={t('calDayName')}
                onChange={(e) => (setName(e.target.value), setSaved(false))}
              />
            </div>
          )}
          {Object.entries(fields).map(([path, message]) => (
            <div key={path} className="field-error">
              {message}
            </div>
          ))}
          {saveError && Object.keys(fields).length === 0 && <div className="error">{saveError}</div>}
          <div className="form-row" style={{ marginTop: 8 }}>
            <button type="button" className="primary small" disabled={busy} onClick={save}>
              {t('save')}
            </button>
            {saved && (
              <span className="muted" role="status">
                {t('calSaved')}
              </span>
            )}
          </div>
        </section>
      )}

      <PageState error={error} loading={loading && !data} />
      <div className="cal-months">
        {Array.from({ length: 12 }, (_, m) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the index is the month number
          <section key={m} className="cal-month">
            <h3>{monthName(m)}</h3>
            <div className="cal-grid">
              {dows.map((d, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: weekday headers of a fixed seven-column grid
                <span key={`h${i}`} className="cal-dow">
                  {d}
                </span>
              ))}
              {Array.from({ length: mondayIndex(year, m, 1) }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: blank leading cells of the month grid
                <span key={`e${i}`} />
              ))}
              {Array.from({ length: daysIn(year, m) }, (_, i) => {
                const d = i + 1;
                const date = isoDate(year, m, d);
                const weekend = mondayIndex(year, m, d) >= 5;
                const o = byDate.get(date);
                const cls = `${o ? o.kind : weekend ? 'weekend' : ''}${o?.source === 'override' ? ' override' : ''}`;
                return (
                  <button
                    type="button"
                    key={date}
                    className={`cal-day ${cls}${selected === date ? ' selected' : ''}`}
                    data-date={date}
                    data-source={o?.source}
                    title={`${date} · ${describe(date, weekend)}`}
                    aria-pressed={selected === date}
                    onClick={() => pick(date, weekend)}
                  >
                    {d}
                    {o && (
                      <span className="cal-mark">
                        {o.kind === 'holiday' ? (lang === 'en' ? 'off' : '休') : lang === 'en' ? 'on' : '班'}
                      </span>
                    )}
                  </button>
                );
              })}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

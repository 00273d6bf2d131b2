import { useState } from 'react';
import { api } from '../api';
import { type ApiBody, type ApiResult, call, client } from '../api/client';
import { PageState } from '../components/common';
import { useGet, useSubmit } from '../hooks';
import { formatTime, setLang, useT } from '../i18n';

type Tracking = ApiResult<'/api/track/{code}'>;

export const STATUS_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  reported: { 'zh-CN': '已上报', en: 'Reported' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  rejected: { 'zh-CN': '不予受理', en: 'Not accepted' },
  dispatched: { 'zh-CN': '已派遣', en: 'Dispatched' },
  handling: { 'zh-CN': '处置中', en: 'Being handled' },
  feedback: { 'zh-CN': '已反馈', en: 'Reported back' },
  verified: { 'zh-CN': '已核查', en: 'Verified' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
  rated: { 'zh-CN': '已评价', en: 'Rated' },
  suspended: { 'zh-CN': '挂起', en: 'Suspended' },
};
const RATINGS = [
  ['satisfied', { 'zh-CN': '满意', en: 'Satisfied' }],
  ['basically_satisfied', { 'zh-CN': '基本满意', en: 'Basically satisfied' }],
  ['unsatisfied', { 'zh-CN': '不满意', en: 'Unsatisfied' }],
] as const;

/** The resident's public page: no account, no personal data; rate once the event is closed. */
export function TrackPage({ code }: { code: string }) {
  const { lang, t } = useT();
  const { data, error, reload } = useGet('/api/track/{code}', { path: { code } });
  const { busy, error: rateError, submit } = useSubmit<unknown>();
  const [thanks, setThanks] = useState(false);
  if (error || !data) return <PageState error={error} loading={!data} />;
  const rate = async (rating: string) => {
    const ok = await submit(() =>
      call(
        client.POST('/api/track/{code}/rating', {
          params: { path: { code } },
          body: { rating: rating as ApiBody<'/api/track/{code}/rating'>['rating'] },
        }),
      ),
    );
    if (ok !== null) setThanks(true), reload();
  };
  return (
    <div className="public">
      <header className="public-head">
        <span className="logo">枫</span>
        <span>{lang === 'en' ? 'Track your request' : '诉求办理进度查询'}</span>
        <div className="spacer" />
        <button type="button" className="link-button light" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      <main className="page narrow">
        <section className="card">
          <div className="track-head">
            <span className="mono">{data.number}</span>
            <span className={`badge status-${data.status}`} data-testid="track-status">
              {STATUS_LABELS[data.status]?.[lang] ?? data.status}
            </span>
          </div>
          <p className="muted">
            {data.category} · {formatTime(data.createdAt, lang)}
          </p>
          {data.mergedInto && (
            <p className="notice" data-testid="track-merged">
              {lang === 'en'
                ? `Handled together with ${data.mergedInto.number}: ${STATUS_LABELS[data.mergedInto.status]?.en ?? data.mergedInto.status}`
                : `已与 ${data.mergedInto.number} 合并办理,当前状态:${STATUS_LABELS[data.mergedInto.status]?.['zh-CN'] ?? data.mergedInto.status}`}
            </p>
          )}
          <ol className="timeline">
            {data.timeline.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is an append-only history without ids, shown in a fixed order
              <li key={i}>
                <div className="tl-head">
                  <strong>{s.note ?? STATUS_LABELS[s.status]?.[lang] ?? s.status}</strong>
                  <span className="muted">{formatTime(s.at, lang)}</span>
                </div>
              </li>
            ))}
          </ol>
          {data.canRate && !thanks && (
            <div className="rate">
              <p>{lang === 'en' ? 'How was it handled?' : '请对办理结果进行评价'}</p>
              {RATINGS.map(([value, label]) => (
                <button type="button" key={value} className="button" disabled={busy} onClick={() => rate(value)}>
                  {label[lang]}
                </button>
              ))}
              {rateError && <div className="error">{rateError}</div>}
            </div>
          )}
          {(thanks || data.rating) && (
            <div className="ok" role="status">
              {lang === 'en' ? 'Thank you for your rating' : '感谢您的评价'}
            </div>
          )}
        </section>
      </main>
    </div>
  );
}

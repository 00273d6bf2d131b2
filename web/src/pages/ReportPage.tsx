import { type FormEvent, useState } from 'react';
import { ApiError, api, type ClientConfig } from '../api';
import { type ApiResult, call, client } from '../api/client';
import { CategorySelect } from '../components/events/bits';
import { LocationField } from '../components/events/IntakeFields';
import type { LngLat } from '../components/events/types';
import { setLang, useT } from '../i18n';
import { linkHandler } from '../navigation';

type Receipt = ApiResult<'/api/public/events', 'post'>;

/** The resident's own door: no account; the answer is a tracking code for /track/<code>. */
export function ReportPage({ config }: { config: ClientConfig | null }) {
  const { t, lang } = useT();
  const [categoryCode, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [point, setPoint] = useState<LngLat | null>(null);
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; limited: boolean } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const body = {
        categoryCode,
        description,
        ...(point ? { location: point } : {}),
        ...(address.trim() ? { address: address.trim() } : {}),
        reporter: { ...(name.trim() ? { name: name.trim() } : {}), phone: phone.trim() },
      };
      setReceipt(await call(client.POST('/api/public/events', { body })));
    } catch (err) {
      if (err instanceof ApiError) {
        setError({ message: err.message, limited: err.status === 429 });
        setFields(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
      } else setError({ message: String(err), limited: false });
    } finally {
      setBusy(false);
    }
  };

  const track = receipt ? `/track/${receipt.trackingCode}` : '';
  return (
    <div className="public">
      <header className="public-head">
        <span className="logo">枫</span>
        <span>{t('reportTitle')}</span>
        <div className="spacer" />
        <button type="button" className="link-button light" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
          {t('language')}
        </button>
      </header>
      <main className="page narrow">
        {receipt ? (
          <section className="card created" role="status">
            <h2>{t('reportSent')}</h2>
            <dl className="big-facts">
              <dt>{t('eventNumber')}</dt>
              <dd className="mono">{receipt.number}</dd>
              <dt>{t('trackingCode')}</dt>
              <dd className="mono code" data-testid="tracking-code">
                {receipt.trackingCode}
              </dd>
            </dl>
            <p className="muted">{t('keepCode')}</p>
            <a className="primary small" href={track} onClick={linkHandler(track)}>
              {t('trackIt')} →
            </a>
          </section>
        ) : (
          <form className="form card" onSubmit={send}>
            <p className="muted">{t('reportIntro')}</p>
            {/* biome-ignore lint/a11y/noLabelWithoutControl: CategorySelect renders its native <select> inside this label, which labels it */}
            <label>
              {t('category')}
              <CategorySelect value={categoryCode} onChange={setCategory} />
              {fields.categoryCode && <span className="field-error">{fields.categoryCode}</span>}
            </label>
            <label>
              {t('description')}
              <textarea
                name="description"
                rows={4}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
              {fields.description && <span className="field-error">{fields.description}</span>}
            </label>
            <LocationField
              config={config}
              point={point}
              onPoint={setPoint}
              address={address}
              onAddress={setAddress}
              grids
              locate
              placeSearch
              errors={fields}
              mapHeight={220}
            />
            <div className="form-row">
              <input
                name="name"
                placeholder={t('nameOptional')}
                aria-label={t('nameOptional')}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
              <input
                name="phone"
                placeholder={t('reporterPhone')}
                aria-label={t('reporterPhone')}
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
              />
            </div>
            {(fields['reporter.phone'] ?? fields.phone) && (
              <span className="field-error">{fields['reporter.phone'] ?? fields.phone}</span>
            )}
            {error &&
              (error.limited ? (
                <div className="notice warn" role="alert" data-testid="rate-limited">
                  <strong>{t('tooOften')}</strong>
                  <span>{error.message}</span>
                </div>
              ) : (
                <div className="error" role="alert">
                  {error.message}
                </div>
              ))}
            <button className="primary" type="submit" disabled={busy}>
              {t('submit')}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}

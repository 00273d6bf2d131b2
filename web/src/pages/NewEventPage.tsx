import { type FormEvent, useState } from 'react';
import { api, type ClientConfig, type Me, upload } from '../api';
import { type ApiBody, call, client } from '../api/client';
import { CategorySelect } from '../components/events/bits';
import { LocationField, PartiesEditor, type PartyDraft, partiesBody } from '../components/events/IntakeFields';
import type { Channel, EventRow, LngLat } from '../components/events/types';
import { useSubmit } from '../hooks';
import { type MessageKey, useT } from '../i18n';
import { linkHandler, navigate } from '../navigation';

const INTAKE = ['desk', 'hotline', 'grid'] as const;

interface Created {
  event: EventRow;
  photoError: string | null;
}

/**
 * Intake through one door, one form per channel: the front desk and the hotline take the caller's
 * details and the parties; a grid worker's phone layout puts "use my location" and a photo first.
 */
type NewEvent = ApiBody<'/api/events'>;

export function NewEventPage({ channel: raw, config, me }: { channel: string; config: ClientConfig | null; me: Me }) {
  const { t } = useT();
  const channel: Channel = (INTAKE as readonly string[]).includes(raw)
    ? (raw as Channel)
    : me.roles.includes('grid_worker')
      ? 'grid'
      : 'desk';
  const grid = channel === 'grid';
  const [categoryCode, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [point, setPoint] = useState<LngLat | null>(null);
  const [address, setAddress] = useState('');
  const [reporterName, setReporterName] = useState('');
  const [reporterPhone, setReporterPhone] = useState('');
  const [parties, setParties] = useState<PartyDraft[]>([]);
  const [photo, setPhoto] = useState<File | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const { busy, error, fields, submit } = useSubmit<Created>();

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const done = await submit(async () => {
      const reporter =
        reporterName.trim() || reporterPhone.trim()
          ? { name: reporterName.trim() || null, phone: reporterPhone.trim() || null }
          : undefined;
      const event = await call(
        client.POST('/api/events', {
          body: {
            channel: channel as NewEvent['channel'],
            categoryCode,
            description,
            ...(point ? { location: point } : {}),
            ...(address.trim() ? { address: address.trim() } : {}),
            ...(reporter ? { reporter } : {}),
            parties: partiesBody(parties) as NewEvent['parties'],
          },
        }),
      );
      let photoError: string | null = null;
      if (photo) {
        // The photo belongs to the report step of the timeline.
        const step = await call(client.GET('/api/events/{id}', { params: { path: { id: event.id } } })).then(
          (d) => d.timeline.find((s) => s.action === 'report')?.id,
          () => undefined,
        );
        await upload(`/api/events/${event.id}/attachments`, photo, step ? { transitionId: step } : {}).catch(
          (err: unknown) => (photoError = err instanceof Error ? err.message : String(err)),
        );
      }
      return { event, photoError };
    });
    if (done) setCreated(done);
  };

  // The caller's details: first on the hotline (taken as the call starts), after the matter at the desk.
  const reporterFields = (
    <fieldset className="fieldset">
      <legend>{t('reporter')}</legend>
      <div className="form-row">
        <input
          name="reporter.name"
          placeholder={t('reporterName')}
          aria-label={t('reporterName')}
          value={reporterName}
          onChange={(e) => setReporterName(e.target.value)}
        />
        <input
          name="reporter.phone"
          placeholder={t('reporterPhone')}
          aria-label={t('reporterPhone')}
          inputMode="tel"
          value={reporterPhone}
          onChange={(e) => setReporterPhone(e.target.value)}
        />
      </div>
      {(fields['reporter.phone'] ?? fields['reporter.name']) && (
        <span className="field-error">{fields['reporter.phone'] ?? fields['reporter.name']}</span>
      )}
    </fieldset>
  );

  if (created) {
    const href = `/events/${created.event.id}`;
    return (
      <div className={`page narrow${grid ? ' phone-first' : ''}`}>
        <section className="card created" role="status">
          <h2>{t('created')}</h2>
          <dl className="big-facts">
            <dt>{t('eventNumber')}</dt>
            <dd className="mono" data-testid="created-number">
              {created.event.number}
            </dd>
            <dt>{t('trackingCode')}</dt>
            <dd className="mono code" data-testid="created-code">
              {created.event.trackingCode}
            </dd>
          </dl>
          {created.photoError && (
            <div className="error">
              {t('photoFailed')}
              {created.photoError}
            </div>
          )}
          <div className="actions">
            <a className="primary small" href={href} onClick={linkHandler(href)}>
              {t('openEvent')}
            </a>
            <button
              type="button"
              className="button"
              onClick={() => (
                setCreated(null), setDescription(''), setPoint(null), setAddress(''), setParties([]), setPhoto(null)
              )}
            >
              {t('another')}
            </button>
          </div>
        </section>
      </div>
    );
  }

  return (
    <div className={`page${grid ? ' narrow phone-first' : ''}`}>
      <header className="page-head">
        <h1>{t('newEvent')}</h1>
        <nav className="seg" aria-label={t('channel')}>
          {INTAKE.map((c) => (
            <button
              key={c}
              type="button"
              className={c === channel ? 'active' : ''}
              onClick={() => navigate(`/events/new?channel=${c}`, true)}
            >
              {t(`ch_${c}` as MessageKey)}
            </button>
          ))}
        </nav>
      </header>
      <form className={`form intake${grid ? '' : ' intake-wide'}`} onSubmit={send} data-channel={channel}>
        <div className="intake-main">
          {channel === 'hotline' && reporterFields}
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
              rows={grid ? 3 : 4}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
            {fields.description && <span className="field-error">{fields.description}</span>}
          </label>
          {grid && (
            <label className="photo-input">
              {t('takePhoto')}
              <input
                name="photo"
                type="file"
                accept="image/*"
                capture="environment"
                hidden
                onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
              />
              {photo && <span className="muted">{photo.name}</span>}
            </label>
          )}
          {channel === 'desk' && reporterFields}
          <PartiesEditor parties={parties} onChange={setParties} errors={fields} />
        </div>
        <div className="intake-side">
          <LocationField
            config={config}
            point={point}
            onPoint={setPoint}
            address={address}
            onAddress={setAddress}
            areaCode={me.scope.code}
            locate={grid}
            errors={fields}
            mapHeight={grid ? 240 : 320}
          />
        </div>
        <div className="intake-foot">
          {error && (
            <div className="error" role="alert">
              {error}
            </div>
          )}
          <button className="primary" type="submit" disabled={busy}>
            {t('submit')}
          </button>
        </div>
      </form>
    </div>
  );
}

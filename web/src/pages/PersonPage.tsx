import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { type ApiBody, call, client } from '../api/client';
import { Can } from '../can';
import { EditFooter, PageState, RegistrationTypeSelect } from '../components/common';
import { Timeline, type TimelineItem } from '../components/Timeline';
import { useApi, useGet, useSubmit } from '../hooks';
import { type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';
import type { SpecialGroup } from './PeoplePage';

interface Person {
  id: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  gridCode: string;
  registrationType: string;
  householdId: string | null;
  relationToHead: string | null;
  status: string;
  version: number;
  idNumberMasked: string;
  phoneMasked: string | null;
  tags: Array<{ id: string; tag: string; riskLevel: string; nextVisitDue: string; active: boolean }>;
  timeline: TimelineItem[];
}

export function PersonPage({ id, canReveal }: { id: string; canReveal: boolean }) {
  const { t, lang } = useT();
  const { data: p, error, reload } = useGet('/api/people/{id}', { path: { id } });
  const groups = useApi<SpecialGroup[]>('/api/special-groups');
  const [editing, setEditing] = useState(false);
  const [full, setFull] = useState<Record<string, string | null>>({});
  if (error || !p) return <PageState error={error} loading={!p} />;
  const reveal = async (field: 'idNumber' | 'phone') => {
    const r = await call(client.GET('/api/people/{id}/personal/{field}', { params: { path: { id, field } } }));
    setFull((f) => ({ ...f, [field]: r.value }));
  };
  const groupName = (tag: string) =>
    groups.data?.find((g) => g.tag === tag)?.[lang === 'en' ? 'nameEn' : 'name'] ?? tag;

  return (
    <div className="page">
      <nav className="breadcrumbs">
        <a href={`/people?areaCode=${p.gridCode}`} onClick={linkHandler(`/people?areaCode=${p.gridCode}`)}>
          {t('people')}
        </a>
        <span className="sep">/</span>
        <span>{p.name}</span>
      </nav>
      <header className="page-head">
        <h1>{p.name}</h1>
        <span className="badge">{t(p.status as MessageKey)}</span>
        {p.tags
          .filter((x) => x.active)
          .map((x) => (
            <span key={x.id} className={`risk risk-${x.riskLevel}`}>
              {groupName(x.tag)}
            </span>
          ))}
        <div className="spacer" />
        {!editing && (
          <Can permission="registry:write">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          </Can>
        )}
      </header>
      <div className="two-col">
        <section className="card facts">
          {editing ? (
            <EditPerson person={p} onDone={() => (setEditing(false), reload())} />
          ) : (
            <dl>
              <dt>{t('idNumber')}</dt>
              <dd className="mono">
                {full.idNumber ?? p.idNumberMasked}
                {canReveal && full.idNumber === undefined && (
                  <button type="button" className="link-button" onClick={() => reveal('idNumber')}>
                    {t('showFull')}
                  </button>
                )}
              </dd>
              <dt>{t('sex')}</dt>
              <dd>{t(p.sex)}</dd>
              <dt>{t('birthDate')}</dt>
              <dd>{p.birthDate}</dd>
              <dt>{t('ethnicity')}</dt>
              <dd>{p.ethnicity}</dd>
              <dt>{t('phone')}</dt>
              <dd className="mono">
                {full.phone ?? p.phoneMasked ?? '—'}
                {canReveal && p.phoneMasked && full.phone === undefined && (
                  <button type="button" className="link-button" onClick={() => reveal('phone')}>
                    {t('showFull')}
                  </button>
                )}
              </dd>
              <dt>{t('registrationType')}</dt>
              <dd>{t(p.registrationType as MessageKey)}</dd>
              <dt>{t('grid')}</dt>
              <dd>
                <a className="mono" href={`/areas/${p.gridCode}`} onClick={linkHandler(`/areas/${p.gridCode}`)}>
                  {p.gridCode}
                </a>
              </dd>
              <dt>{t('household')}</dt>
              <dd>
                {p.householdId ? (
                  <a href={`/households/${p.householdId}`} onClick={linkHandler(`/households/${p.householdId}`)}>
                    {p.relationToHead ?? t('household')}
                  </a>
                ) : (
                  '—'
                )}
              </dd>
            </dl>
          )}
        </section>
        <section className="card">
          <h3>{t('timeline')}</h3>
          <Timeline items={p.timeline} />
        </section>
      </div>
    </div>
  );
}

function EditPerson({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useT();
  const [name, setName] = useState(person.name);
  const [phone, setPhone] = useState('');
  const [ethnicity, setEthnicity] = useState(person.ethnicity);
  const [registrationType, setRegistrationType] = useState(person.registrationType);
  const [reason, setReason] = useState('');
  const { busy, error, fields, submit } = useSubmit<unknown>();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit(() =>
      call(
        client.PATCH('/api/people/{id}', {
          params: { path: { id: person.id } },
          body: {
            name,
            ethnicity,
            registrationType: registrationType as ApiBody<'/api/people/{id}', 'patch'>['registrationType'],
            version: person.version,
            reason: reason || undefined,
            ...(phone ? { phone } : {}),
          },
        }),
      ),
    );
    if (ok !== null) onDone();
  };
  return (
    <form className="form" onSubmit={save}>
      <label>
        {t('name')}
        <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        {fields.name && <span className="field-error">{fields.name}</span>}
      </label>
      <label>
        {t('phone')}
        <input
          name="phone"
          placeholder={person.phoneMasked ?? ''}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          inputMode="tel"
        />
        {fields.phone && <span className="field-error">{fields.phone}</span>}
      </label>
      <label>
        {t('ethnicity')}
        <input name="ethnicity" value={ethnicity} onChange={(e) => setEthnicity(e.target.value)} />
      </label>
      {/* biome-ignore lint/a11y/noLabelWithoutControl: RegistrationTypeSelect renders its native <select> inside this label, which labels it */}
      <label>
        {t('registrationType')}
        <RegistrationTypeSelect value={registrationType} onChange={setRegistrationType} />
      </label>
      <EditFooter reason={reason} onReason={setReason} error={error} busy={busy} onCancel={onDone} />
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { type ApiBody, call, client } from '../api/client';
import { RegistrationTypeSelect } from '../components/common';
import { useSubmit } from '../hooks';
import { useT } from '../i18n';
import { navigate } from '../navigation';

/** Register a person; the server checks the ID number (GB 11643) and phone and answers per field. */
export function NewPersonPage({ gridCode: initialGrid }: { gridCode: string }) {
  const { t } = useT();
  const [form, setForm] = useState({
    name: '',
    idNumber: '',
    phone: '',
    ethnicity: '汉族',
    registrationType: 'registered',
    gridCode: initialGrid,
  });
  const { busy, error, fields, submit } = useSubmit<{ id: string }>();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await submit(() =>
      call(
        client.POST('/api/people', {
          body: {
            ...form,
            registrationType: form.registrationType as ApiBody<'/api/people'>['registrationType'],
            phone: form.phone || null,
          },
        }),
      ),
    );
    if (r) navigate(`/people/${r.id}`);
  };
  const field = (k: keyof typeof form, label: string, extra: Record<string, string> = {}) => (
    <label>
      {label}
      <input name={k} value={form[k]} onChange={set(k)} {...extra} />
      {fields[k] && <span className="field-error">{fields[k]}</span>}
    </label>
  );
  return (
    <div className="page narrow">
      <header className="page-head">
        <h1>{t('newPerson')}</h1>
      </header>
      <form className="card form" onSubmit={save}>
        {field('name', t('name'))}
        {field('idNumber', t('idNumber'), { autoComplete: 'off' })}
        {field('phone', t('phone'), { inputMode: 'tel' })}
        {field('ethnicity', t('ethnicity'))}
        {/* biome-ignore lint/a11y/noLabelWithoutControl: RegistrationTypeSelect renders its native <select> inside this label, which labels it */}
        <label>
          {t('registrationType')}
          <RegistrationTypeSelect
            value={form.registrationType}
            onChange={(v) => setForm({ ...form, registrationType: v })}
          />
        </label>
        {field('gridCode', t('grid'), { inputMode: 'numeric' })}
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {t('save')}
        </button>
      </form>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { ApiError, api, type ClientConfig, type Me, session } from '../api';
import { call, client } from '../api/client';
import { useT } from '../i18n';
import { linkHandler } from '../navigation';

const DEMO_ACCOUNTS = [
  'demo-city',
  'demo-ganzhou',
  'demo-gaotai',
  'demo-grid',
  'demo-leader',
  'demo-mediator',
  'demo-handler',
];

export function LoginPage({ config, onLogin }: { config: ClientConfig | null; onLogin: (me: Me) => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await call(client.POST('/api/auth/login', { body: { username, password } }));
      session.set(r.token);
      onLogin(r.user);
    } catch (err) {
      setError(err instanceof ApiError ? (err.fields[0]?.message ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-label={t('login')}>
        <div className="login-brand">
          <span className="logo">枫</span>
          <div>
            <h1>{t('appName')}</h1>
            <p>{t('loginSubtitle')}</p>
          </div>
        </div>
        <h2>{t('loginTitle')}</h2>
        <label>
          {t('username')}
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the sign-in page exists to take a username; focusing its first field is deliberate
            autoFocus
          />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
        <button className="primary" type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('login')}
        </button>
        {config?.demo && (
          <div className="demo-hint">
            {t('demoHint')} <code>Demo@2026</code>
            <div className="demo-accounts">
              {DEMO_ACCOUNTS.map((a) => (
                <button type="button" key={a} className="chip" onClick={() => setUsername(a)}>
                  {a}
                </button>
              ))}
            </div>
          </div>
        )}
        <a className="public-link" href="/report" onClick={linkHandler('/report')}>
          {t('reportLink')} →
        </a>
      </form>
    </div>
  );
}

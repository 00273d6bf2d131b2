import { ApiError, session } from '../../api';
import { getLang as getLangHeader } from '../../i18n';

/** Fetches a protected file with the bearer token and saves it under the server's file name. */
export async function downloadProtected(path: string, fallbackName: string): Promise<void> {
  const token = session.token();
  // The report's language follows the screen's.
  const res = await fetch(path, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': getLangHeader() },
  });
  if (!res.ok) throw new ApiError(res.status, 'error', res.statusText);
  const disposition = res.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = m ? decodeURIComponent(m[1]!) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

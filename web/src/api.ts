import type { ApiResult } from './api/client';
import { ApiError, notifyUnauthorized, session } from './api/session';
import { getLang } from './i18n';

export { ApiError, notifyUnauthorized, session, setUnauthorizedHandler } from './api/session';

/** JSON over fetch with the bearer token and the UI language; errors become ApiError. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': getLang() };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => ({}))) as {
    error?: { id: string; message: string; fields?: Array<{ path: string; message: string }> };
  };
  if (!res.ok) {
    if (res.status === 401 && token && path !== '/api/auth/login') {
      session.clear();
      notifyUnauthorized();
    }
    throw new ApiError(
      res.status,
      data.error?.id ?? 'error',
      data.error?.message ?? res.statusText,
      data.error?.fields,
    );
  }
  return data as T;
}

export type { ClientConfig, Me } from './api/client';
export type AreaDetail = ApiResult<'/api/areas/{code}'>;
export type AreaRef = AreaDetail['ancestors'][number];

/** One file as multipart field `file`; errors become ApiError like api(). */
export async function upload<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': getLang() };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  const body = new FormData();
  // Fields first: the server reads them before the file stream.
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('file', file);
  const res = await fetch(path, { method: 'POST', headers, body });
  const data = (await res.json().catch(() => ({}))) as {
    error?: { id: string; message: string; fields?: Array<{ path: string; message: string }> };
  };
  if (!res.ok)
    throw new ApiError(
      res.status,
      data.error?.id ?? 'error',
      data.error?.message ?? res.statusText,
      data.error?.fields,
    );
  return data as T;
}

/** Fetches a protected file with the bearer token and opens it in a new tab. */
export async function openProtected(path: string): Promise<void> {
  const token = session.token();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'error', res.statusText);
  const url = URL.createObjectURL(await res.blob());
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

import createClient, { type Middleware } from 'openapi-fetch';
import { getLang } from '../i18n';
import type { paths } from './schema';
import { ApiError, notifyUnauthorized, session } from './session';

export type { paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;
type Operation<P extends keyof paths, M extends Method> = paths[P][M];

/** The JSON body of a path's success answer (200 or 201): `ApiResult<'/api/auth/me'>`. */
export type ApiResult<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;

/** The JSON request body of a path's operation: `ApiBody<'/api/events', 'post'>`. */
export type ApiBody<P extends keyof paths, M extends Method = 'post'> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters of a path's operation. */
export type ApiQuery<P extends keyof paths, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a list answer's `items`. */
export type ApiItem<P extends keyof paths, M extends Method = 'get'> =
  ApiResult<P, M> extends { items: Array<infer I> } ? I : never;

/** The paths that answer GET, and the path and query parameters of that GET. */
export type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];
export type GetParams<P extends GetPath> = paths[P] extends { get: { parameters: infer X } }
  ? Pick<X, Extract<keyof X, 'path' | 'query'>>
  : never;

export type Me = ApiResult<'/api/auth/me'>;
export type Permission = Me['permissions'][number];
export type ClientConfig = ApiResult<'/api/client-config'>;

type ErrorBody = { error?: { id: string; message: string; fields?: Array<{ path: string; message: string }> } };

/**
 * The bearer token and the UI language on every request; a failed answer becomes an ApiError (the platform's
 * `{ error: { id, message, fields } }`), and a 401 on a signed-in session signs the user out.
 */
const platform: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', getLang());
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) return response;
    const data = (await response
      .clone()
      .json()
      .catch(() => ({}))) as ErrorBody;
    const hadToken = request.headers.has('authorization');
    if (response.status === 401 && hadToken && !new URL(request.url).pathname.endsWith('/api/auth/login')) {
      session.clear();
      notifyUnauthorized();
    }
    const e = data.error;
    throw new ApiError(response.status, e?.id ?? 'error', e?.message ?? response.statusText, e?.fields);
  },
};

/** The typed API client: paths, parameters, bodies and answers come from the server's OpenAPI document. */
export const client = createClient<paths>({ baseUrl: '' });
client.use(platform);

/**
 * The answer's data, for call sites that want a value or an exception: errors are already thrown by the middleware,
 * so what is left is the success body (a 204 has none).
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const r = await request;
  return r.data as T;
}

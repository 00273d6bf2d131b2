import { iso } from '../../http/common.schemas.js';
import type { LoginResult } from './auth.service.js';
import { presentMe } from './user.presenter.js';

/** A new session: the bearer token, when it expires and who it belongs to. */
export function presentLogin(r: LoginResult) {
  return { token: r.token, expiresAt: iso(r.expiresAt), user: presentMe(r.actor) };
}

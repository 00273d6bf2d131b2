import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { CHINESE_PASSWORD_WORDS } from './password-words-zh.js';

/**
 * Password rules (NIST SP 800-63B, OWASP): a length range, and a strength estimate instead of composition rules.
 * zxcvbn estimates the guesses an attacker who knows the usual patterns needs: dictionary words (common passwords,
 * English, and the Chinese list here: pinyin, names, places, lucky numbers), keyboard walks, dates, repeats and
 * sequences, l33t and capitalisation, and the user's own inputs (username, name, the platform's name).
 * A score of at least 3 (about 10^8 guesses or more) is required: online guessing is throttled and an offline attacker
 * faces argon2id, so 10^8 is out of reach either way, while score 4 (10^10) would refuse many memorable passphrases.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** Bounds the estimator's work (it grows with the length) and the hashing input. */
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;

/** Words every account's password is checked against besides its own username and name. */
export const PLATFORM_WORDS = ['fengqiao', '枫桥', 'zhangye', 'demo', 'admin'];

let estimator: ZxcvbnFactory | null = null;

/** Built on first use: ranking the dictionaries takes a moment, and a page that never checks a password skips it. */
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, 'pinyin-zh': [...CHINESE_PASSWORD_WORDS] },
    maxLength: PASSWORD_MAX_LENGTH,
  });
  return estimator;
}

/** A refused password: the message key, then keys for what the estimator found and how to do better. */
export interface PasswordIssue {
  key: 'password_too_short' | 'password_too_long' | 'password_weak';
  hints: string[];
}

export interface PasswordStrength {
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Message keys (`password_warning_*`, `password_suggestion_*`) for the estimator's feedback. */
  hints: string[];
}

/** The estimate alone, for a strength meter as the user types. */
export function passwordStrength(password: string, userInputs: readonly string[] = []): PasswordStrength {
  const inputs = [...PLATFORM_WORDS, ...userInputs.flatMap(splitInput)];
  const r = zxcvbn().check(password.slice(0, PASSWORD_MAX_LENGTH), inputs);
  const hints = [
    ...(r.feedback.warning ? [`password_warning_${r.feedback.warning}`] : []),
    ...r.feedback.suggestions.map((s) => `password_suggestion_${s}`),
  ];
  return { score: r.score, hints };
}

/** Why a new password is refused, or null. `userInputs`: the username, display name and the like. */
export function passwordIssue(password: string, userInputs: readonly string[] = []): PasswordIssue | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return { key: 'password_too_short', hints: [] };
  if (password.length > PASSWORD_MAX_LENGTH) return { key: 'password_too_long', hints: [] };
  const s = passwordStrength(password, userInputs);
  return s.score >= PASSWORD_MIN_SCORE ? null : { key: 'password_weak', hints: s.hints };
}

/** `li.ming` also yields `li` and `ming`, so parts of a username are charged as the user's own words. */
function splitInput(v: string): string[] {
  const lower = v.trim().toLowerCase();
  if (!lower) return [];
  const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 2);
  return [lower, lower.replace(/[^\p{L}\p{N}]+/gu, ''), ...parts];
}

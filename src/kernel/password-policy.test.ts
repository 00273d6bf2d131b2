import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('accepts the demo password and strong ones', () => {
    expect(passwordProblem('Demo@2026', 'demo-city')).toBeNull();
    expect(passwordProblem('correct-Horse-battery', 'alice')).toBeNull();
  });
  it.each([
    ['Ab1!', 'password_too_short'],
    ['abcdefghij', 'password_too_simple'],
    ['ABCDEFGH12', 'password_too_simple'],
    ['Password1', 'password_common'],
    ['P@ssw0rd', 'password_common'],
    ['x'.repeat(129), 'password_too_long'],
  ])('%s -> %s', (pw, problem) => expect(passwordProblem(pw, 'someone')).toBe(problem));
  it('refuses a password containing the username', () => {
    expect(passwordProblem('Zhang.san2026', 'zhang.san')).toBe('password_contains_username');
  });
});

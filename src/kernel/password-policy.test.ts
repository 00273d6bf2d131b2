import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, passwordIssue, passwordStrength } from './password-policy.js';

// The published demo password (src/seed/demo-city.ts); the kernel cannot import the seeder.
const DEMO_PASSWORD = 'Demo@2026';

describe('passwordIssue', () => {
  it.each([
    'Password1!',
    'Qwerty123!',
    '1qaz@WSX',
    'Zhangye@2026',
    DEMO_PASSWORD,
    'woaini1314!',
    'Aini@1314',
    'Zhangsan1990',
    'Wangwei19900101',
    'Ganzhou900101',
    'zaq12wsx!',
    'Qazwsx123',
    '5201314aA',
    '147258369a',
    '88888888Aa',
    'Fengqiao2026!',
    'Admin@123456',
  ])('refuses %s as too easy to guess', (pw) => {
    const issue = passwordIssue(pw, ['someone']);
    expect(issue?.key).toBe('password_weak');
  });

  it('charges the user their own words', () => {
    expect(passwordIssue('Kuiliang@2026', ['kui.liang', '夔亮'])?.key).toBe('password_weak');
    expect(passwordIssue('Kuiliang@2026', ['wang.fang', '王芳'])).toBeNull();
  });

  it('accepts long or unusual passwords, with no composition rule', () => {
    expect(passwordIssue('correct-Horse-battery', ['alice'])).toBeNull();
    expect(passwordIssue('sunny apple forty river', ['alice'])).toBeNull();
    expect(passwordIssue('kX9#mQ2$vL', ['alice'])).toBeNull();
  });

  it('keeps the length range', () => {
    expect(passwordIssue('kX9#mQ2', [])?.key).toBe('password_too_short');
    expect(passwordIssue('x'.repeat(PASSWORD_MAX_LENGTH + 1), [])?.key).toBe('password_too_long');
  });

  it('explains a refusal with feedback keys that have messages', async () => {
    const { MESSAGES } = await import('../lib/messages.js');
    const issue = passwordIssue('Password1!', []);
    expect(issue?.hints.length).toBeGreaterThan(0);
    for (const key of issue ? [issue.key, ...issue.hints] : []) expect(MESSAGES[key], key).toBeDefined();
    expect(passwordStrength('Kuiliang@2026', ['kui.liang']).hints).toContain('password_warning_userInputs');
  });
});

/** Password rules: long enough, varied enough, not the username, not a well-known password. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword1',
  '12345678',
  '123456789',
  '1234567890',
  'qwerty123',
  'qwertyuiop',
  'abc12345',
  'abcd1234',
  'admin123',
  'admin@123',
  'iloveyou',
  'woaini1314',
  '1qaz2wsx',
  '1q2w3e4r',
  'a1234567',
  'aa123456',
  'zxcvbnm123',
  'welcome1',
  'letmein1',
]);

export type PasswordProblem =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_too_simple'
  | 'password_contains_username'
  | 'password_common';

export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'password_common';
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return 'password_contains_username';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3 ? null : 'password_too_simple';
}

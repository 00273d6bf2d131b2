import type { FastifySchemaCompiler } from 'fastify';
import { type ZodType, z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';

/** A request part failed its zod schema; the raw issues are kept so the message can be localised. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly issues: $ZodIssue[],
  ) {
    super(`Invalid ${part}`);
  }
}

export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(httpPart ?? 'body', result.error.issues) };
  };

const zhCN = z.locales.zhCN();
const en = z.locales.en();

/** Our own refinements put a message key in `message`; zod's built-in checks use zod's locales. */
export function issueMessage(
  issue: $ZodIssue,
  lang: 'zh-CN' | 'en',
  translate: (key: string) => string | null,
): string {
  const own = translate(issue.message);
  if (own) return own;
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
    return translate('required') ?? issue.message;
  }
  const locale = lang === 'en' ? en : zhCN;
  const m = locale.localeError(issue as Parameters<typeof locale.localeError>[0]);
  return typeof m === 'string' ? m : (m?.message ?? issue.message);
}

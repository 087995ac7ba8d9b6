/**
 * Errors are data: they cross every transport unchanged, carry one readable sentence and never a
 * stack or a secret. `code` tells a program what happened; `message` tells a person.
 */
import { z } from 'zod';

export const errorCodes = [
  'bad-input',
  'bad-url',
  'file-missing',
  'host-unreachable',
  'auth-failed',
  'database-missing',
  'tls-refused',
  'timeout',
  'read-only',
  'not-found',
  'cancelled',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const tallyErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  table: z.string().optional(),
  rowKey: z.string().optional(),
  column: z.string().optional(),
});
export type TallyErrorData = z.infer<typeof tallyErrorSchema>;

/** Codes that mean "the user gave us something wrong" (CLI exit status 2) rather than a bug. */
export const usageErrorCodes: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'bad-input',
  'bad-url',
  'file-missing',
  'host-unreachable',
  'auth-failed',
  'database-missing',
  'tls-refused',
  'timeout',
  'not-found',
  'unsupported',
]);

export class TallyError extends Error {
  readonly code: ErrorCode;
  readonly table: string | undefined;
  readonly rowKey: string | undefined;
  readonly column: string | undefined;

  constructor(code: ErrorCode, message: string, where: { table?: string; rowKey?: string; column?: string } = {}) {
    super(message);
    this.name = 'TallyError';
    this.code = code;
    this.table = where.table;
    this.rowKey = where.rowKey;
    this.column = where.column;
  }

  toData(): TallyErrorData {
    const data: TallyErrorData = { code: this.code, message: this.message };
    if (this.table !== undefined) data.table = this.table;
    if (this.rowKey !== undefined) data.rowKey = this.rowKey;
    if (this.column !== undefined) data.column = this.column;
    return data;
  }

  static fromData(data: TallyErrorData): TallyError {
    return new TallyError(data.code, data.message, data);
  }
}

export function isTallyError(value: unknown): value is TallyError {
  return value instanceof TallyError;
}

/**
 * Removes secrets from a text that may reach a user, a log or a screenshot: every known secret
 * value, and any password embedded in a URL (`scheme://user:password@host`).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*:)([^@\s/]+)@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

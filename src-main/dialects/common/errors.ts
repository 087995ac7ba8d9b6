/**
 * What every network driver shares when a connection fails: Node's socket error codes. Each
 * dialect classifies its own server's codes first and falls back to this.
 */
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError, redactSecrets } from '../../../src-shared/errors';
import { describeSpec } from './describe';

export function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return undefined;
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Drivers sometimes wrap the socket error (AggregateError, `cause`): look through the layers. */
export function collectErrorCodes(error: unknown, depth = 0): string[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const own = errorCodeOf(error);
  if (own) codes.push(own);
  const nested = error as { cause?: unknown; errors?: unknown; originalError?: unknown };
  for (const inner of [nested.cause, nested.originalError]) codes.push(...collectErrorCodes(inner, depth + 1));
  if (Array.isArray(nested.errors))
    for (const inner of nested.errors) codes.push(...collectErrorCodes(inner, depth + 1));
  return codes;
}

export function classifyNetworkError(error: unknown, spec: ConnectionSpec): TallyError | undefined {
  const codes = collectErrorCodes(error);
  const where = describeSpec(spec);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN'))
    return new TallyError('host-unreachable', `Cannot reach ${where}: the host name does not resolve.`);
  if (codes.some((c) => c === 'ECONNREFUSED'))
    return new TallyError('host-unreachable', `Cannot reach ${where}: nothing is listening on that port.`);
  if (codes.some((c) => c === 'EHOSTUNREACH' || c === 'ENETUNREACH'))
    return new TallyError('host-unreachable', `Cannot reach ${where}: the network has no route to that host.`);
  if (codes.some((c) => c === 'ECONNRESET' || c === 'EPIPE'))
    return new TallyError('host-unreachable', `${capitalize(where)} closed the connection unexpectedly.`);
  if (codes.some((c) => c === 'ETIMEDOUT' || c === 'ETIMEOUT' || c === 'ESOCKETTIMEDOUT'))
    return new TallyError('timeout', `Timed out connecting to ${where}.`);
  if (/timeout acquiring a connection|timed out|timeout/i.test(errorMessageOf(error)))
    return new TallyError('timeout', `Timed out connecting to ${where}.`);
  return undefined;
}

/** The last resort: the driver's own message, redacted, as one sentence. */
export function unclassifiedError(
  error: unknown,
  spec: ConnectionSpec,
  secrets: readonly (string | undefined)[] = [],
): TallyError {
  const detail = redactSecrets(errorMessageOf(error).split('\n')[0] ?? '', secrets).replace(/\.?\s*$/, '');
  return new TallyError('internal', `${capitalize(describeSpec(spec))} reported an error: ${detail}.`);
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

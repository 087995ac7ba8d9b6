import { isTallyError, type TallyErrorData } from '../../src-shared/errors';

/** Whatever a call threw, as the one-sentence error data the UI shows. */
export function asErrorData(error: unknown): TallyErrorData {
  if (isTallyError(error)) return error.toData();
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong in the window: ${detail}` };
}

/**
 * The form field a 'bad-input' sentence names. The dispatcher writes the failing path in
 * parentheses, e.g. "The input of connections.save is not valid (spec.file): …".
 */
export function fieldOfValidationError(error: TallyErrorData): string | null {
  if (error.code !== 'bad-input') return null;
  const match = /\(([A-Za-z0-9_.]+)\)/.exec(error.message);
  const path = match?.[1];
  if (!path) return null;
  const parts = path.split('.');
  return parts[parts.length - 1] ?? null;
}

/** The part of a validation sentence worth repeating under its field: "Host is required." */
export function fieldMessage(error: TallyErrorData): string {
  const index = error.message.indexOf('): ');
  return index >= 0 ? error.message.slice(index + 3) : error.message;
}

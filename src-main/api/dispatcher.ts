/**
 * The one dispatcher behind every transport. It takes raw messages, validates the input against
 * the contract, calls the handler, validates the output, turns every failure into error data,
 * and handles cancellation and event subscriptions as message kinds.
 */
import { z } from 'zod';
import {
  events,
  isEventName,
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../src-shared/contract';
import { TallyError, redactSecrets, type TallyErrorData } from '../../src-shared/errors';
import { clientMessageSchema, type ServerMessage } from '../../src-shared/rpc/protocol';

export type CallContext = {
  /** Aborted when the client cancels the call or disconnects. */
  signal: AbortSignal;
};

export type Handlers = {
  [M in MethodName]: (input: MethodParsedInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

export interface DispatcherSession {
  /** Feeds one raw message from the transport (already decoded from JSON). */
  receive(raw: unknown): void;
  /** The transport went away: cancels the session's calls and drops its subscriptions. */
  close(): void;
}

export interface Dispatcher {
  openSession(send: (message: ServerMessage) => void): DispatcherSession;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** A readable sentence from a zod failure, naming the field that is wrong. */
export function describeValidationError(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return `The ${what} is not valid.`;
  const path = issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  const text = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  return `The ${what} is not valid${path}: ${text}`;
}

/** Any thrown value as error data: TallyErrors pass through, anything else becomes an internal error. */
export function toErrorData(error: unknown): TallyErrorData {
  if (error instanceof TallyError) return { ...error.toData(), message: redactSecrets(error.message) };
  if (error instanceof z.ZodError) return { code: 'bad-input', message: describeValidationError(error, 'input') };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: redactSecrets(`Tally hit an unexpected error: ${message}`) };
}

export function createDispatcher(handlers: Handlers): Dispatcher {
  const sessions = new Set<{ send: (message: ServerMessage) => void; subscriptions: Set<EventName> }>();

  async function invoke(methodName: string, rawInput: unknown, context: CallContext): Promise<unknown> {
    if (!isMethodName(methodName)) throw new TallyError('not-found', `Tally has no API method named "${methodName}".`);
    const definition = methods[methodName];
    const parsed = definition.input.safeParse(rawInput ?? {});
    if (!parsed.success)
      throw new TallyError('bad-input', describeValidationError(parsed.error, `input of ${methodName}`));
    const handler = handlers[methodName] as (input: unknown, context: CallContext) => Promise<unknown>;
    const output = await handler(parsed.data, context);
    const checked = definition.output.safeParse(output);
    if (!checked.success) {
      throw new TallyError('internal', describeValidationError(checked.error, `output of ${methodName}`));
    }
    return checked.data;
  }

  return {
    openSession(send) {
      const session = { send, subscriptions: new Set<EventName>() };
      const inFlight = new Map<number, AbortController>();
      sessions.add(session);
      const safeSend = (message: ServerMessage): void => {
        if (sessions.has(session)) send(message);
      };

      return {
        receive(raw) {
          const parsed = clientMessageSchema.safeParse(raw);
          if (!parsed.success) return; // not ours: a transport may carry foreign traffic
          const message = parsed.data;
          switch (message.kind) {
            case 'call': {
              const controller = new AbortController();
              inFlight.set(message.id, controller);
              const cancelled = new Promise<never>((_, reject) => {
                controller.signal.addEventListener('abort', () =>
                  reject(new TallyError('cancelled', `The call to ${message.method} was cancelled.`)),
                );
              });
              Promise.race([invoke(message.method, message.input, { signal: controller.signal }), cancelled])
                .then((output) => safeSend({ kind: 'result', id: message.id, ok: true, output }))
                .catch((error: unknown) =>
                  safeSend({ kind: 'result', id: message.id, ok: false, error: toErrorData(error) }),
                )
                .finally(() => inFlight.delete(message.id));
              return;
            }
            case 'cancel':
              inFlight.get(message.id)?.abort();
              return;
            case 'subscribe':
              if (isEventName(message.event)) session.subscriptions.add(message.event);
              return;
            case 'unsubscribe':
              if (isEventName(message.event)) session.subscriptions.delete(message.event);
              return;
          }
        },
        close() {
          sessions.delete(session);
          for (const controller of inFlight.values()) controller.abort();
          inFlight.clear();
        },
      };
    },

    emit(event, payload) {
      const checked = events[event].parse(payload);
      for (const session of sessions) {
        if (session.subscriptions.has(event)) session.send({ kind: 'event', event, payload: checked });
      }
    },
  };
}

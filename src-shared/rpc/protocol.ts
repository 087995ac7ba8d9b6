/**
 * The wire protocol every transport carries (Electron IPC, WebSocket, in-memory). Transports
 * are dumb: they move these messages and nothing else; the dispatcher gives them meaning.
 */
import { z } from 'zod';
import { tallyErrorSchema } from '../errors';

export const clientMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), id: z.number().int(), method: z.string(), input: z.unknown() }),
  /** Asks the server to abandon a call; the call then answers with a `cancelled` error. */
  z.object({ kind: z.literal('cancel'), id: z.number().int() }),
  z.object({ kind: z.literal('subscribe'), event: z.string() }),
  z.object({ kind: z.literal('unsubscribe'), event: z.string() }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

export const serverMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(true), output: z.unknown() }),
  z.object({ kind: z.literal('result'), id: z.number().int(), ok: z.literal(false), error: tallyErrorSchema }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type ServerMessage =
  | { kind: 'result'; id: number; ok: true; output: unknown }
  | { kind: 'result'; id: number; ok: false; error: z.infer<typeof tallyErrorSchema> }
  | { kind: 'event'; event: string; payload: unknown };

/** A bidirectional pipe as seen from the client side. */
export interface ClientTransport {
  send(message: ClientMessage): void;
  /** Registers the listener for server messages; returns a function that removes it. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
}

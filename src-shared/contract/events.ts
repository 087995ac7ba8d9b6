/** Events the API pushes to subscribers: a name → payload map, declared once like the methods. */
import { z } from 'zod';
import { savedConnectionSchema } from '../connection';
import { runEventSchema } from '../run';

export const events = {
  /** The saved connections changed (added, edited or deleted, by any client). */
  'connections.changed': z.object({ connections: z.array(savedConnectionSchema) }),
  /** Everything a running plan reports: progress, rejects, checkpoints, its end. */
  'run.event': runEventSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

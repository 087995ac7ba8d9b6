/** Events the API pushes to subscribers: a name → payload map, declared once like the methods. */
import { z } from 'zod';
import { savedConnectionSchema } from '../connection';
import { profileEventSchema } from '../profile';
import { runEventSchema } from '../run';
import { validationEventSchema } from '../validation';

export const events = {
  /** The saved connections changed (added, edited or deleted, by any client). */
  'connections.changed': z.object({ connections: z.array(savedConnectionSchema) }),
  /** Everything a running plan reports: progress, rejects, checkpoints, its end. */
  'run.event': runEventSchema,
  /** Everything a profile job reports: its tables, each step, each finished table, its end. */
  'profile.event': profileEventSchema,
  /** Everything a running validation reports: progress per table and segment, each table's result, its end. */
  'validate.event': validationEventSchema,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

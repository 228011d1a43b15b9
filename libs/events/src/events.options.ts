/** What the events context needs from the composition root. */
export interface EventsOptions {
  /** The job queue keeps its own tables (schema `pgboss`) in this database. */
  readonly databaseUrl: string;
  /** How long before an occurrence starts its reminders fall due. */
  readonly reminderLeadSeconds: number;
  /** How often each instance asks the queue for due reminders. */
  readonly reminderPollSeconds: number;
}

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

/** What the events context needs from the composition root (which provides `EVENTS_OPTIONS` to every module). */
export interface EventsOptions {
  /** The job queue keeps its own tables (schema `pgboss`) in this database. */
  readonly databaseUrl: string;
  /** How long before an occurrence starts its reminders fall due. */
  readonly reminderLeadSeconds: number;
  /** How often each instance asks the queue for due reminders. */
  readonly reminderPollSeconds: number;
  /**
   * A reminder still running this long (its instance died holding it) is failed and retried by
   * another instance after as long again; also how often expired reminders are looked for.
   */
  readonly reminderTakeoverSeconds: number;
}

export const EVENTS_OPTIONS = Symbol('EVENTS_OPTIONS');

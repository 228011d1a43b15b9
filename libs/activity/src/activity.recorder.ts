import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { asBackgroundWork, DomainError, isTransactionWork } from '@app/common';
import { lockRow, type RowLockMode, transactionReadingBeside } from '@app/database';
import type { ActivityVerb, ActivityVisibility } from './activity.enums';
import { LiveRights } from './live/live-rights';
import { rightsSubjectsOf } from './live/rights-changes';
import { ACTIVITY_WAKEUPS, type ActivityWakeups } from './live/wakeups';
import { NETWORK_ACTIVITY_FAMILIES, VERB_FAMILY } from './activity-family';

export interface NewActivity {
  readonly verb: ActivityVerb;
  readonly visibility: ActivityVisibility;
  readonly actorPersonId: string | null;
  readonly actorOrganisationId?: string | null;
  readonly policeForceAreaCode?: string | null;
  readonly organisationId?: string | null;
  readonly networkId?: string | null;
  readonly eventId?: string | null;
  readonly payload?: Record<string, unknown>;
}

/** Benchmarks only (see ActivityOptions.benchOnlySkipOutbox): measure a mutation without its outbox. */
export const BENCH_ONLY_SKIP_OUTBOX = Symbol('BENCH_ONLY_SKIP_OUTBOX');

export interface RecordActivity {
  (activity: NewActivity): Promise<void>;
  /** Declares that this transaction turned out to change nothing (e.g. a repeated archive). */
  unchanged(): void;
}

/**
 * A context's wording of activity about one of its rows: the whole item, given its verb and
 * payload (who sees it, whose feeds it reaches). Read in the transaction, so it names the row as changed.
 */
export type Noter<E> = (
  tx: EntityManager,
  row: E,
  verb: ActivityVerb,
  payload: Record<string, unknown>,
) => NewActivity | Promise<NewActivity>;

/** Records one item about `row` as its context words it. */
export type Note = (verb: ActivityVerb, payload?: Record<string, unknown>) => Promise<void>;

/** The one way a context notes activity about its row: its noter, bound to the transaction and row. */
export function noting<E>(tx: EntityManager, record: RecordActivity, row: E, noter: Noter<E>): Note {
  return async (verb, payload = {}) => record(await noter(tx, row, verb, payload));
}

/** The row a change starts from, and how to find and hold it. */
export interface LockTarget<E extends ObjectLiteral> {
  readonly entity: EntityTarget<E>;
  /** The row's id, or another unique key of it. */
  readonly id: string | FindOptionsWhere<E>;
  /** Names the row in the NOT_FOUND error when it is absent ("Network"). */
  readonly name: string;
  /** The error instead of NOT_FOUND when it is absent (e.g. BAD_USER_INPUT naming an input field). */
  readonly missing?: () => Error;
  /** FOR UPDATE unless said; FOR NO KEY UPDATE leaves rows that reference it free. */
  readonly mode?: RowLockMode;
  /** How the row's context words its activity (gives `note`). */
  readonly noter?: Noter<E>;
}

/** A row held for the length of one activity transaction, and how to record what happens to it. */
export interface Locked<E> {
  readonly tx: EntityManager;
  readonly row: E;
  readonly record: RecordActivity;
  /** Records an item worded by the target's noter (there must be one). */
  readonly note: Note;
}

/**
 * The single way to write a domain change: a transaction that appends its activity to the
 * outbox. It refuses to commit a change that recorded none, so no service can forget.
 */
@Injectable()
export class ActivityRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ACTIVITY_WAKEUPS) private readonly wakeups: ActivityWakeups,
    private readonly liveRights: LiveRights,
    @Optional() @Inject(BENCH_ONLY_SKIP_OUTBOX) private readonly skipOutbox: boolean = false,
  ) {}

  async transaction<T>(work: (tx: EntityManager, record: RecordActivity) => Promise<T>): Promise<T> {
    if (isTransactionWork()) {
      // Its connection would come from the side pool and be held: a few such would empty it.
      throw new Error('An activity transaction inside another: pass the outer one its manager');
    }
    let recorded = 0;
    const rightsEnded = new Set<string>();
    const result = await transactionReadingBeside(this.dataSource, async (tx) => {
      let unchanged = false;
      const append = async (activity: NewActivity): Promise<void> => {
        if (activity.networkId && !NETWORK_ACTIVITY_FAMILIES.includes(VERB_FAMILY[activity.verb])) {
          // Coverage's last activity is versioned by those families only (response cache, coverage figures).
          throw new Error(`${activity.verb} may not name a network: its family is not in NETWORK_ACTIVITY_FAMILIES`);
        }
        if (!this.skipOutbox) {
          await tx.query(
            `INSERT INTO activity_event
               (tx_id, verb, visibility, actor_person_id, actor_organisation_id, police_force_area_code, organisation_id, network_id, event_id, payload)
             VALUES ((pg_current_xact_id()::text)::bigint, $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
            [
              activity.verb,
              activity.visibility,
              activity.actorPersonId,
              activity.actorOrganisationId ?? null,
              activity.policeForceAreaCode ?? null,
              activity.organisationId ?? null,
              activity.networkId ?? null,
              activity.eventId ?? null,
              JSON.stringify(activity.payload ?? {}),
            ],
          );
        }
        recorded++;
        for (const subject of rightsSubjectsOf(activity)) {
          rightsEnded.add(subject);
        }
      };
      const record: RecordActivity = Object.assign(append, {
        unchanged: () => {
          unchanged = true;
        },
      });
      const outcome = await work(tx, record);
      if (recorded === 0 && !unchanged) {
        throw new Error('A domain change tried to commit without recording its activity');
      }
      return outcome;
    });
    if (recorded > 0 && !this.skipOutbox) {
      // After commit, never inside the transaction (NOTIFY takes a global lock at commit). A lost
      // wake-up only delays delivery until the hubs' next poll. Background work: not awaited, and
      // shared by the commits of its cool-down, it may go after the answer (and belongs to no request).
      asBackgroundWork(() => this.wakeups.publish()).catch(() => undefined);
    }
    // Before answering: live streams of whoever lost rights stop delivering from now on.
    await this.liveRights.changed([...rightsEnded]);
    return result;
  }

  /**
   * The one locked transaction: holds the target row (NOT_FOUND when it is absent) for the whole
   * activity transaction, so changes to it and what hangs off it are made one at a time.
   */
  transactionOn<E extends ObjectLiteral, T>(
    target: LockTarget<E>,
    work: (locked: Locked<E>) => Promise<T>,
  ): Promise<T> {
    return this.transaction(async (tx, record) => {
      const where = (typeof target.id === 'string' ? { id: target.id } : target.id) as FindOptionsWhere<E>;
      const row = await lockRow(tx, target.entity, where, target.mode);
      if (!row) {
        throw target.missing?.() ?? DomainError.notFound(target.name, typeof target.id === 'string' ? target.id : '');
      }
      const { noter } = target;
      const note: Note = noter
        ? noting(tx, record, row, noter)
        : () => Promise.reject(new Error(`${target.name} has no noter: record its activity with record()`));
      return work({ tx, row, record, note });
    });
  }
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActivityVerb, ActivityVisibility } from './activity.enums';
import { LiveRights } from './live/live-rights';
import { rightsSubjectsOf } from './live/rights-changes';
import { ACTIVITY_WAKEUPS, type ActivityWakeups } from './live/wakeups';

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
    let recorded = 0;
    const rightsEnded = new Set<string>();
    const result = await this.dataSource.transaction(async (tx) => {
      let unchanged = false;
      const append = async (activity: NewActivity): Promise<void> => {
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
      // wake-up only delays delivery until the hubs' next poll.
      this.wakeups.publish().catch(() => undefined);
    }
    // Before answering: live streams of whoever lost rights stop delivering from now on.
    await this.liveRights.changed([...rightsEnded]);
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { type ActorRef, type Connection, DEFAULT_PAGE_SIZE, toConnection } from '@app/common';
import { ActivityEventEntity } from './activity-event.entity';
import { type ActivityPosition, positionFromCursor } from './activity-position';
import { ActivityVisibility } from './activity.enums';
import { type ActivityScope, ActivityScopeKind } from './dto/activity.args';

/** Only rows of transactions older than every running one: their set can no longer grow. */
const SETTLED = `e.tx_id < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * Reads feeds in (txId, sequence) order below the oldest running transaction, so a page
 * never skips an item that commits later (see ActivityEventEntity).
 */
@Injectable()
export class ActivityFeedService {
  constructor(@InjectRepository(ActivityEventEntity) private readonly events: Repository<ActivityEventEntity>) {}

  async page(
    viewer: ActorRef,
    scope: ActivityScope,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<ActivityEventEntity>> {
    const query = this.events.createQueryBuilder('e').where(SETTLED);
    inScope(query, scope);
    visibleTo(query, viewer);
    const totalCount = await query.clone().getCount();
    const rows = await afterPosition(query, after ? positionFromCursor(after) : null)
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (e) => ({ key: e.txId, id: e.sequence }));
  }

  /** Every settled item after a position, whatever its scope or visibility (for fan-out). */
  settledAfter(position: ActivityPosition | null, limit: number): Promise<ActivityEventEntity[]> {
    return afterPosition(this.events.createQueryBuilder('e').where(SETTLED), position).limit(limit).getMany();
  }

  /** The newest settled item: where a live stream starts. */
  async head(): Promise<ActivityEventEntity | null> {
    const [row] = await this.events
      .createQueryBuilder('e')
      .where(SETTLED)
      .orderBy('e.tx_id', 'DESC')
      .addOrderBy('e.sequence', 'DESC')
      .limit(1)
      .getMany();
    return row ?? null;
  }
}

function afterPosition(
  query: SelectQueryBuilder<ActivityEventEntity>,
  position: ActivityPosition | null,
): SelectQueryBuilder<ActivityEventEntity> {
  if (position) {
    query.andWhere('(e.tx_id, e.sequence) > (:tx::bigint, :seq::bigint)', {
      tx: position.txId.toString(),
      seq: position.sequence.toString(),
    });
  }
  return query.orderBy('e.tx_id').addOrderBy('e.sequence');
}

// The same two rules in SQL (pages) and in memory (live delivery): keep them side by side.

function inScope(query: SelectQueryBuilder<ActivityEventEntity>, scope: ActivityScope): void {
  if (scope.kind === ActivityScopeKind.POLICE_FORCE_AREA) {
    query.andWhere('e.police_force_area_code = :code', { code: scope.target ?? '' });
  } else if (scope.kind === ActivityScopeKind.ORGANISATION) {
    query.andWhere('e.organisation_id::text = :organisationId', { organisationId: scope.target ?? '' });
  }
}

export function isInScope(event: ActivityEventEntity, scope: ActivityScope): boolean {
  switch (scope.kind) {
    case ActivityScopeKind.NATIONAL:
      return true;
    case ActivityScopeKind.POLICE_FORCE_AREA:
      return event.policeForceAreaCode === scope.target;
    case ActivityScopeKind.ORGANISATION:
      return event.organisationId === scope.target;
  }
}

function visibleTo(query: SelectQueryBuilder<ActivityEventEntity>, viewer: ActorRef): void {
  if (viewer.platformAdmin) {
    return;
  }
  query.andWhere(
    `(e.visibility = :public OR (e.visibility = :organisation AND e.organisation_id = ANY(:organisationIds::uuid[])))`,
    {
      public: ActivityVisibility.PUBLIC,
      organisation: ActivityVisibility.ORGANISATION,
      organisationIds: (viewer.affiliations ?? []).map((a) => a.organisationId),
    },
  );
}

export function isVisibleTo(event: ActivityEventEntity, viewer: ActorRef): boolean {
  if (event.visibility === ActivityVisibility.PUBLIC || viewer.platformAdmin) {
    return true;
  }
  return (
    event.visibility === ActivityVisibility.ORGANISATION &&
    (viewer.affiliations ?? []).some((a) => a.organisationId === event.organisationId)
  );
}

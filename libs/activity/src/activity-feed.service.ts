import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import { type ActorRef, type Connection, DEFAULT_PAGE_SIZE, toConnection } from '@app/common';
import { ActivityEventEntity } from './activity-event.entity';
import { type ActivityPosition, positionFromCursor, positionOf } from './activity-position';
import { ActivityVisibility } from './activity.enums';
import { type ActivityScope, ActivityScopeKind } from './dto/activity.args';
import { NetworkAudienceRegistry } from './network-audience';

/** Only rows of transactions older than every running one: their set can no longer grow. */
const SETTLED = `e.tx_id < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`;

/**
 * Reads feeds in (txId, sequence) order below the oldest running transaction, so a page
 * never skips an item that commits later (see ActivityEventEntity).
 */
@Injectable()
export class ActivityFeedService {
  constructor(
    @InjectRepository(ActivityEventEntity) private readonly events: Repository<ActivityEventEntity>,
    private readonly networks: NetworkAudienceRegistry,
  ) {}

  /** What a viewer may see, as of now (their organisations' active network memberships). */
  async rightsOf(viewer: ActorRef): Promise<ViewerRights> {
    const organisationIds = (viewer.affiliations ?? []).map((a) => a.organisationId);
    return {
      platformAdmin: viewer.platformAdmin === true,
      organisationIds,
      networkIds: viewer.platformAdmin ? [] : await this.networks.networkIdsOf(organisationIds),
    };
  }

  async page(
    viewer: ActorRef,
    scope: ActivityScope,
    first = DEFAULT_PAGE_SIZE,
    after?: string,
  ): Promise<Connection<ActivityEventEntity>> {
    const query = this.events.createQueryBuilder('e').where(SETTLED);
    inScope(query, scope);
    visibleTo(query, await this.rightsOf(viewer));
    const totalCount = await query.clone().getCount();
    const rows = await afterPosition(query, after ? positionFromCursor(after) : null)
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (e) => ({ key: e.txId, id: e.sequence }));
  }

  /**
   * Settled items of a scope after a position that a viewer may see, oldest first, without the
   * page's count: for consumers that keep their own position (webhooks).
   */
  async itemsAfter(
    viewer: ActorRef,
    scope: ActivityScope,
    after: { txId: string; sequence: string } | null,
    limit: number,
  ): Promise<ActivityEventEntity[]> {
    const query = this.events.createQueryBuilder('e').where(SETTLED);
    inScope(query, scope);
    visibleTo(query, await this.rightsOf(viewer));
    return afterPosition(query, after ? positionOf(after) : null)
      .limit(limit)
      .getMany();
  }

  /** Every settled item after a position, whatever its scope or visibility (for fan-out). */
  settledAfter(position: ActivityPosition | null, limit: number): Promise<ActivityEventEntity[]> {
    return afterPosition(this.events.createQueryBuilder('e').where(SETTLED), position).limit(limit).getMany();
  }

  /**
   * "Now" for a subscriber without a cursor, in one snapshot: the newest settled item, and the
   * items already visible above it (committed, but behind an older running transaction), which
   * will settle later and must not then be delivered as new.
   */
  async now(): Promise<{ head: { txId: string; sequence: string } | null; visible: string[] }> {
    const [row] = await this.events.query<[{ tx_id: string | null; sequence: string | null; visible: string[] }]>(
      `SELECT h.tx_id::text, h.sequence::text,
              ARRAY(SELECT e.sequence::text FROM activity_event e
                     WHERE e.tx_id >= (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint) AS visible
         FROM (SELECT 1) one
         LEFT JOIN LATERAL (SELECT e.tx_id, e.sequence FROM activity_event e WHERE ${SETTLED}
                             ORDER BY e.tx_id DESC, e.sequence DESC LIMIT 1) h ON true`,
    );
    return {
      head: row.tx_id && row.sequence ? { txId: row.tx_id, sequence: row.sequence } : null,
      visible: row.visible,
    };
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
  } else if (scope.kind === ActivityScopeKind.NETWORK) {
    query.andWhere('e.network_id::text = :networkId', { networkId: scope.target ?? '' });
  } else if (scope.kind === ActivityScopeKind.EVENT) {
    query.andWhere('e.event_id::text = :eventId', { eventId: scope.target ?? '' });
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
    case ActivityScopeKind.NETWORK:
      return event.networkId === scope.target;
    case ActivityScopeKind.EVENT:
      return event.eventId === scope.target;
  }
}

export interface ViewerRights {
  readonly platformAdmin: boolean;
  readonly organisationIds: readonly string[];
  /** Networks where one of the viewer's organisations is an active member. */
  readonly networkIds: readonly string[];
}

function visibleTo(query: SelectQueryBuilder<ActivityEventEntity>, rights: ViewerRights): void {
  if (rights.platformAdmin) {
    return;
  }
  query.andWhere(
    `(e.visibility = :public
      OR (e.visibility IN (:organisation, :network) AND e.organisation_id = ANY(:organisationIds::uuid[]))
      OR (e.visibility = :network AND e.network_id = ANY(:networkIds::uuid[])))`,
    {
      public: ActivityVisibility.PUBLIC,
      organisation: ActivityVisibility.ORGANISATION,
      network: ActivityVisibility.NETWORK,
      organisationIds: rights.organisationIds,
      networkIds: rights.networkIds,
    },
  );
}

export function isVisibleTo(event: ActivityEventEntity, rights: ViewerRights): boolean {
  switch (event.visibility) {
    case ActivityVisibility.PUBLIC:
      return true;
    case ActivityVisibility.ADMIN:
      return rights.platformAdmin;
    case ActivityVisibility.ORGANISATION:
      return rights.platformAdmin || concerns(rights.organisationIds, event.organisationId);
    case ActivityVisibility.NETWORK:
      return (
        rights.platformAdmin ||
        concerns(rights.organisationIds, event.organisationId) ||
        concerns(rights.networkIds, event.networkId)
      );
  }
}

const concerns = (ids: readonly string[], id: string | null): boolean => id !== null && ids.includes(id);

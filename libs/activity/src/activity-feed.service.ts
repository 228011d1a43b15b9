import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type ActorRef, type Connection, DEFAULT_PAGE_SIZE, decodeCursor, toConnection } from '@app/common';
import { ActivityEventEntity } from './activity-event.entity';
import { ActivityVisibility } from './activity.enums';
import { type ActivityScope, ActivityScopeKind } from './dto/activity.args';

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
    const query = this.events
      .createQueryBuilder('e')
      .where(`e.tx_id < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint`);
    if (scope.kind === ActivityScopeKind.POLICE_FORCE_AREA) {
      query.andWhere('e.police_force_area_code = :code', { code: scope.target ?? '' });
    } else if (scope.kind === ActivityScopeKind.ORGANISATION) {
      query.andWhere('e.organisation_id::text = :organisationId', { organisationId: scope.target ?? '' });
    }
    this.visibleTo(query, viewer);
    const totalCount = await query.clone().getCount();
    if (after) {
      const { key, id } = decodeCursor(after);
      query.andWhere('(e.tx_id, e.sequence) > (:tx::bigint, :seq::bigint)', { tx: key, seq: id });
    }
    const rows = await query
      .orderBy('e.tx_id')
      .addOrderBy('e.sequence')
      .limit(first + 1)
      .getMany();
    return toConnection(rows, first, totalCount, (e) => ({ key: e.txId, id: e.sequence }));
  }

  private visibleTo(query: ReturnType<Repository<ActivityEventEntity>['createQueryBuilder']>, viewer: ActorRef): void {
    if (viewer.platformAdmin) {
      return;
    }
    const organisationIds = (viewer.affiliations ?? []).map((a) => a.organisationId);
    query.andWhere(
      `(e.visibility = :public OR (e.visibility = :organisation AND e.organisation_id = ANY(:organisationIds::uuid[])))`,
      { public: ActivityVisibility.PUBLIC, organisation: ActivityVisibility.ORGANISATION, organisationIds },
    );
  }
}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { type ActorRef, groupBy, keyedBy, type LoaderFactory } from '@app/common';
import type {
  CommitmentEntity,
  CommitmentStatusChangeEntity,
  EngagementAskEntity,
  EngagementEntity,
  EngagementParticipantEntity,
  EngagementPositionEntity,
} from '../engagement.entities';
import type { OfficeHolderEntity } from '../office.entities';
import { type EngagementAccess, EngagementService } from './engagement.service';
import { type JointPositionEntity, PositionService } from '@app/drafting';
import { type EventEntity, EventService } from '@app/events';

type DraftAccess = Awaited<ReturnType<PositionService['accessOf']>>;
type EventAccess = Awaited<ReturnType<EventService['accessOf']>>;
/** One viewer per request: their access is worked out once, whatever the number of items. */
const perViewer = <T>(load: (viewer: ActorRef) => Promise<T>): DataLoader<ActorRef, T> =>
  new DataLoader(async (viewers) => Promise.all(viewers.map(load)), { cacheKeyFn: () => 'viewer' });

export interface EngagementLoaders {
  readonly byId: DataLoader<string, EngagementEntity>;
  readonly asksByEngagementId: DataLoader<string, EngagementAskEntity[]>;
  readonly commitmentsByEngagementId: DataLoader<string, CommitmentEntity[]>;
  readonly historyByCommitmentId: DataLoader<string, CommitmentStatusChangeEntity[]>;
  readonly participantsByEngagementId: DataLoader<string, EngagementParticipantEntity[]>;
  readonly positionLinksByEngagementId: DataLoader<string, EngagementPositionEntity[]>;
  readonly positionsById: DataLoader<string, JointPositionEntity>;
  readonly officeHoldersById: DataLoader<string, OfficeHolderEntity>;
  readonly eventsById: DataLoader<string, EventEntity>;
  readonly access: DataLoader<ActorRef, EngagementAccess>;
  readonly draftAccess: DataLoader<ActorRef, DraftAccess>;
  readonly eventAccess: DataLoader<ActorRef, EventAccess>;
}

@Injectable()
export class EngagementLoaderFactory implements LoaderFactory<EngagementLoaders> {
  constructor(
    private readonly engagements: EngagementService,
    private readonly positions: PositionService,
    private readonly events: EventService,
  ) {}

  createLoaders(): EngagementLoaders {
    const e = this.engagements;
    return {
      byId: new DataLoader(async (ids) => keyedBy(ids, await e.engagementsByIds(ids), (g) => g.id)),
      asksByEngagementId: new DataLoader(async (ids) => groupBy(ids, await e.asksOf(ids), (a) => a.engagementId)),
      commitmentsByEngagementId: new DataLoader(async (ids) =>
        groupBy(ids, await e.commitmentsOf(ids), (c) => c.engagementId),
      ),
      historyByCommitmentId: new DataLoader(async (ids) => groupBy(ids, await e.historyOf(ids), (h) => h.commitmentId)),
      participantsByEngagementId: new DataLoader(async (ids) =>
        groupBy(ids, await e.participantsOf(ids), (p) => p.engagementId),
      ),
      positionLinksByEngagementId: new DataLoader(async (ids) =>
        groupBy(ids, await e.positionLinksOf(ids), (p) => p.engagementId),
      ),
      officeHoldersById: new DataLoader(async (ids) => keyedBy(ids, await e.officeHoldersByIds(ids), (h) => h.id)),
      positionsById: new DataLoader(async (ids) => keyedBy(ids, await this.positions.findByIds(ids), (p) => p.id)),
      eventsById: new DataLoader(async (ids) => keyedBy(ids, await this.events.findByIds(ids), (v) => v.id)),
      access: perViewer((v) => e.accessOf(v)),
      draftAccess: perViewer((v) => this.positions.accessOf(v)),
      eventAccess: perViewer((v) => this.events.accessOf(v)),
    };
  }
}

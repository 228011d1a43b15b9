import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { type ActorRef, groupBy, keyedBy, type LoaderFactory } from '@app/common';
import { type EventEntity, EventService } from '@app/events';
import type { ElectionCandidateEntity, ElectionContestEntity, ElectionRoundEntity } from '../office.entities';
import { ElectionService } from './election.service';

type EventAccess = Awaited<ReturnType<EventService['accessOf']>>;

export interface ElectionLoaders {
  readonly roundById: DataLoader<string, ElectionRoundEntity>;
  readonly contestsByRoundId: DataLoader<string, ElectionContestEntity[]>;
  readonly contestsByAreaId: DataLoader<string, ElectionContestEntity[]>;
  readonly candidatesByContestId: DataLoader<string, ElectionCandidateEntity[]>;
  /** Every event linked as hustings, visible or not: filter with `eventAccess`. */
  readonly hustingsByRoundId: DataLoader<string, EventEntity[]>;
  /** The viewer's access to events, worked out once per request (keyed by the request's actor). */
  readonly eventAccess: DataLoader<ActorRef, EventAccess>;
}

@Injectable()
export class ElectionLoaderFactory implements LoaderFactory<ElectionLoaders> {
  constructor(
    private readonly elections: ElectionService,
    private readonly events: EventService,
  ) {}

  createLoaders(): ElectionLoaders {
    return {
      roundById: new DataLoader(async (ids) => keyedBy(ids, await this.elections.roundsByIds(ids), (r) => r.id)),
      contestsByRoundId: new DataLoader(async (ids) =>
        groupBy(ids, await this.elections.contestsOfRounds(ids), (c) => c.roundId),
      ),
      contestsByAreaId: new DataLoader(async (ids) =>
        groupBy(ids, await this.elections.contestsOfAreas(ids), (c) => c.policeForceAreaId),
      ),
      candidatesByContestId: new DataLoader(async (ids) =>
        groupBy(ids, await this.elections.candidatesOf(ids), (c) => c.contestId),
      ),
      hustingsByRoundId: new DataLoader((ids) => this.hustingsOf(ids)),
      eventAccess: new DataLoader((viewers) => Promise.all(viewers.map((v) => this.events.accessOf(v)))),
    };
  }

  private async hustingsOf(roundIds: readonly string[]): Promise<EventEntity[][]> {
    const links = await this.elections.hustingsOf(roundIds);
    const events = new Map(
      (links.length ? await this.events.findByIds([...new Set(links.map((l) => l.eventId))]) : []).map((e) => [
        e.id,
        e,
      ]),
    );
    return groupBy(roundIds, links, (l) => l.roundId).map((group) =>
      group.flatMap((l) => {
        const event = events.get(l.eventId);
        return event ? [event] : [];
      }),
    );
  }
}

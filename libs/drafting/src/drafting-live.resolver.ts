import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { LRUCache } from 'lru-cache';
import {
  ActivityHub,
  type ActivityScope,
  ActivityScopeKind,
  cursorOf,
  LiveRights,
  RIGHTS_CHANGES,
  rightsSubject,
} from '@app/activity';
import { type ActorRef, DomainError, mapLive, noLongerAllowed, type RequestContext } from '@app/common';
import type { JointPositionEntity, PositionSectionEntity } from './drafting.entities';
import { PositionChange } from './drafting.model';
import { PositionChangesArgs } from './dto/position-changes.args';
import { PositionService } from './position.service';

/** The feed reads every item of the network; who may follow a draft is checked per subscriber. */
const READER: ActorRef = { kind: 'SYSTEM', platformAdmin: true };
interface DraftState {
  readonly position: JointPositionEntity;
  readonly section: PositionSectionEntity | null;
}

@Resolver()
export class DraftingLiveResolver {
  /**
   * The draft as it is after an item, read once for every subscriber that receives it (fifty
   * editors on one draft would otherwise read it fifty times per change).
   */
  private readonly states = new LRUCache<string, Promise<DraftState>>({ max: 2_000, ttl: 10_000 });

  constructor(
    private readonly hub: ActivityHub,
    private readonly positions: PositionService,
    private readonly liveRights: LiveRights,
  ) {}

  @Subscription(() => PositionChange, {
    resolve: (change: PositionChange) => change,
    description:
      'Changes to one draft: sections (with the revision after each: a gap means you missed one), comments, ' +
      'tracked changes, status, sign-ons. Resume with `after` set to the last `cursor`. Ends once you may no ' +
      'longer read the draft (FORBIDDEN), or the credentials it was opened with end (UNAUTHENTICATED).',
  })
  async positionChanges(
    @Args() { positionId, after }: PositionChangesArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<PositionChange>> {
    const position = await this.positions.getReadable(await context.actor(), positionId);
    const scope: ActivityScope = { kind: ActivityScopeKind.NETWORK, target: position.networkId };
    const stream = await this.hub.stream(scope, after ?? null, READER, () => Promise.resolve(READER));
    const readable = (actor: ActorRef): Promise<boolean> =>
      this.positions.getReadable(actor, positionId).then(
        () => true,
        () => false,
      );
    const changes = mapLive(stream, async (item) => {
      // The network's own items can change rights too (a status change): check before this one goes out.
      if (RIGHTS_CHANGES.has(item.verb) && !(await context.currentActor().then(readable, () => false))) {
        throw noLongerAllowed('draft');
      }
      if (item.payload.positionId !== positionId) {
        return undefined;
      }
      const sectionId = typeof item.payload.sectionId === 'string' ? item.payload.sectionId : null;
      const cursor = cursorOf(item);
      let state = this.states.get(cursor);
      if (!state) {
        state = this.stateOf(positionId, sectionId);
        this.states.set(cursor, state);
      }
      const { position: current, section } = await state;
      return {
        verb: item.verb,
        revision: typeof item.payload.revision === 'number' ? item.payload.revision : current.revision,
        sectionId,
        section,
        position: current,
        cursor,
      };
    });
    return this.liveRights.guard(context, changes, {
      what: 'draft',
      subjects: [rightsSubject.network(position.networkId)],
      stillAllowed: readable,
    });
  }

  private async stateOf(positionId: string, sectionId: string | null): Promise<DraftState> {
    const [[position], section] = await Promise.all([
      this.positions.findByIds([positionId]),
      sectionId ? this.positions.sectionById(sectionId) : Promise.resolve(null),
    ]);
    if (!position) {
      throw DomainError.notFound('Joint position', positionId);
    }
    return { position, section };
  }
}

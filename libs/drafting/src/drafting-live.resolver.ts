import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { LRUCache } from 'lru-cache';
import {
  ActivityHub,
  type ActivityScope,
  ActivityScopeKind,
  ActivityVerb,
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

/** What anyone following a public draft sees: its status, sign-ons, submission and response. */
const PUBLIC_CHANGES: ReadonlySet<string> = new Set([
  ActivityVerb.POSITION_STATUS_CHANGED,
  ActivityVerb.POSITION_SIGNED,
  ActivityVerb.POSITION_SUBMITTED,
  ActivityVerb.POSITION_RESPONSE_RECORDED,
]);

const DELIBERATION_RECHECK_MS = 60_000;

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
      'longer read the draft (FORBIDDEN), or the credentials it was opened with end (UNAUTHENTICATED). Those ' +
      "outside the draft's network, following it once public, get its status, sign-ons, submission and response only.",
  })
  async positionChanges(
    @Args() { positionId, after }: PositionChangesArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<PositionChange>> {
    const position = await this.positions.getReadable(await context.actor(), positionId);
    const scope: ActivityScope = { kind: ActivityScopeKind.NETWORK, target: position.networkId };
    const stream = await this.hub.stream(scope, after ?? null, READER, () => Promise.resolve(READER));
    // Whether the subscriber may follow how the draft is written: asked again after any change of rights,
    // and at least every minute (what no rights change announces: an affiliation or admin flag changed in the database).
    let deliberation: Promise<boolean> | null = null;
    let askedAt = 0;
    const mayDeliberate = (): Promise<boolean> => {
      if (deliberation === null || Date.now() - askedAt > DELIBERATION_RECHECK_MS) {
        askedAt = Date.now();
        deliberation = context.currentActor().then(
          async (actor) => (await this.positions.accessOf(actor)).canReadDeliberation(position),
          () => false,
        );
      }
      return deliberation;
    };
    const readable = (actor: ActorRef): Promise<boolean> => {
      deliberation = null;
      return this.positions.getReadable(actor, positionId).then(
        () => true,
        () => false,
      );
    };
    const changes = mapLive(stream, async (item) => {
      const ofThisDraft = item.payload.positionId === positionId;
      // The network's own items can change rights, and so can the draft's status (a public draft
      // withdrawn is for its members again): check before this one goes out.
      const rightsMayChange =
        RIGHTS_CHANGES.has(item.verb) || (ofThisDraft && item.verb === ActivityVerb.POSITION_STATUS_CHANGED);
      if (rightsMayChange && !(await context.currentActor().then(readable, () => false))) {
        throw noLongerAllowed('draft');
      }
      if (!ofThisDraft) {
        return undefined;
      }
      // Others following a public draft see what happens to it, not how it was written (a replay from
      // an early cursor would show every edit, comment and removed section).
      if (!PUBLIC_CHANGES.has(item.verb) && !(await mayDeliberate())) {
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

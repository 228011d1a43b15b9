import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { ActivityHub, type ActivityScope, ActivityScopeKind, cursorOf } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, mapLive, type RequestContext } from '@app/common';
import { PositionChange } from './drafting.model';
import { PositionChangesArgs } from './dto/position-changes.args';
import { PositionService } from './position.service';

/** The feed reads every item of the network; who may follow a draft is checked per subscriber and item. */
const READER: ActorRef = { kind: 'SYSTEM', platformAdmin: true };

@Resolver()
export class DraftingLiveResolver {
  constructor(
    private readonly hub: ActivityHub,
    private readonly positions: PositionService,
  ) {}

  @Subscription(() => PositionChange, {
    resolve: (change: PositionChange) => change,
    description:
      'Changes to one draft: sections (with the revision after each: a gap means you missed one), status, sign-ons. ' +
      'Resume with `after` set to the last `cursor`. Ends once you may no longer read the draft.',
  })
  async positionChanges(
    @Args() { positionId, after }: PositionChangesArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<PositionChange>> {
    const position = await this.positions.getReadable(await context.actor(), positionId);
    const scope: ActivityScope = { kind: ActivityScopeKind.NETWORK, target: position.networkId };
    const stream = await this.hub.stream(scope, after ?? null, READER, () => Promise.resolve(READER));
    return mapLive(stream, async (item) => {
      if (item.payload.positionId !== positionId) {
        return undefined;
      }
      // With current rights: an organisation that left the network stops here.
      const current = await this.positions.getReadable(await context.currentActor(), positionId).catch(() => {
        throw new DomainError(ErrorCode.FORBIDDEN, 'You may no longer follow this draft');
      });
      const sectionId = typeof item.payload.sectionId === 'string' ? item.payload.sectionId : null;
      return {
        verb: item.verb,
        revision: typeof item.payload.revision === 'number' ? item.payload.revision : current.revision,
        sectionId,
        section: sectionId ? await this.positions.sectionById(sectionId) : null,
        position: current,
        cursor: cursorOf(item),
      };
    });
  }
}

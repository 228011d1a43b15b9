import { Args, Context, Mutation, Resolver, Subscription } from '@nestjs/graphql';
import { LiveRights, RIGHTS_RECHECK_MS, rightsSubject } from '@app/activity';
import {
  ActingPersonId,
  type ActorRef,
  DomainError,
  ErrorCode,
  noLongerAllowed,
  type RequestContext,
  CommonRefusal,
} from '@app/common';
import { DraftPresence, PresencePayload, PresenceUpdate } from './drafting.model';
import { MovePresenceInput } from './dto/drafting.input';
import { PositionPresenceArgs } from './dto/position-changes.args';
import { PositionService } from './position.service';
import { type Presence, PresenceService } from './presence.service';

@Resolver()
export class PresenceResolver {
  constructor(
    private readonly presence: PresenceService,
    private readonly positions: PositionService,
    private readonly liveRights: LiveRights,
  ) {}

  @Subscription(() => PresenceUpdate, {
    resolve: (update: PresenceUpdate) => update,
    description:
      'Opens a draft: you are present (and others see you) for as long as this runs, and hear who else is, ' +
      'within about a second of any change. Say where you are with `movePresence`. For the members of its ' +
      'network (and admins), also once the draft is public (others: FORBIDDEN). Ends once you may no longer ' +
      'read the draft (FORBIDDEN), or the credentials it was opened with end (UNAUTHENTICATED).',
  })
  async positionPresence(
    @Args() { positionId }: PositionPresenceArgs,
    @Context() context: RequestContext,
  ): Promise<AsyncIterableIterator<PresenceUpdate>> {
    const actor = await context.actor();
    if (!actor.personId) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        CommonRefusal.NOT_A_PERSON,
        'Only a signed-in person is present in a draft',
      );
    }
    const position = await this.positions.getForDeliberation(actor, positionId);
    const you = await this.presence.join(positionId, actor.personId);
    const queue: (PresenceUpdate | Error)[] = [];
    let waiting: ((value: IteratorResult<PresenceUpdate>) => void) | null = null;
    let failed: ((error: Error) => void) | null = null;
    let checkedAt = Date.now();
    let done = false;
    const push = (item: PresenceUpdate | Error): void => {
      if (waiting && !(item instanceof Error)) {
        const resolve = waiting;
        waiting = failed = null;
        resolve({ value: item, done: false });
      } else if (failed && item instanceof Error) {
        const reject = failed;
        waiting = failed = null;
        reject(item);
      } else {
        queue.push(item);
      }
    };
    // Rights are checked before an update goes out when the last check is old, and on a timer, so
    // someone who lost access hears nothing more and drops out of others' lists within RIGHTS_RECHECK_MS.
    const allowed = (current?: ActorRef): Promise<boolean> =>
      (current ? Promise.resolve(current) : context.currentActor())
        .then((viewer) => this.positions.getForDeliberation(viewer, positionId))
        .then(
          () => true,
          () => false,
        );
    let chain = Promise.resolve();
    const serial = (work: () => Promise<void>): void => {
      chain = chain.then(work).catch(() => undefined);
    };
    const recheck = async (): Promise<boolean> => {
      checkedAt = Date.now();
      if (await allowed()) {
        return true;
      }
      push(noLongerAllowed('draft'));
      return false;
    };
    const stopWatching = this.presence.watch(positionId, (present: Presence[]) =>
      serial(async () => {
        if (!done && (Date.now() - checkedAt <= RIGHTS_RECHECK_MS || (await recheck()))) {
          push({ you, present });
        }
      }),
    );
    const timer = setInterval(() => serial(async () => void (done || (await recheck()))), RIGHTS_RECHECK_MS);
    timer.unref();
    const finish = async (): Promise<IteratorResult<PresenceUpdate>> => {
      if (!done) {
        done = true;
        clearInterval(timer);
        stopWatching();
        await this.presence.leave(you);
      }
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterableIterator<PresenceUpdate> = {
      next: () => {
        const item = queue.shift();
        if (item instanceof Error) {
          return finish().then(() => Promise.reject(item));
        }
        if (item || done) {
          return Promise.resolve(item ? { value: item, done: false } : { value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          waiting = resolve;
          failed = (error) => void finish().then(() => reject(error));
        });
      },
      return: finish,
      throw: async (error?: unknown) => {
        await finish();
        throw error instanceof Error ? error : new Error(String(error));
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return this.liveRights.guard(context, iterator, {
      what: 'draft',
      subjects: [rightsSubject.network(position.networkId)],
      stillAllowed: allowed,
    });
  }

  @Mutation(() => PresencePayload, { description: 'Says which section you are in, and whether you are typing.' })
  async movePresence(
    @Args('input') input: MovePresenceInput,
    @ActingPersonId() personId: string | null,
  ): Promise<PresencePayload> {
    if (!personId) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        CommonRefusal.NOT_A_PERSON,
        'Only a signed-in person is present in a draft',
      );
    }
    if (input.sectionId) {
      const section = await this.positions.sectionById(input.sectionId);
      const own = this.presence.find(input.presenceId);
      if (!section || section.removedAt || own?.positionId !== section.positionId) {
        throw DomainError.unknown('input.sectionId', 'is not a section of the draft you have open');
      }
    }
    const presence: DraftPresence = await this.presence.move(
      input.presenceId,
      personId,
      input.sectionId ?? null,
      input.editing,
    );
    return { presence };
  }
}

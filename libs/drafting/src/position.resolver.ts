import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, DomainError, type NoArgs, type RequestContext } from '@app/common';
import { LocalNetwork, NetworkLoaderFactory } from '@app/networks';
import { contentHash, markdownOf } from './draft-text';
import { JointPositionArgs, JointPositionsArgs } from './dto/position-changes.args';
import { diffTexts, MAX_ANSWER_PARTS, REQUEST_HISTORY_BUDGET_MS } from './history';
import {
  AttributedParagraph,
  DiffPart,
  JointPosition,
  PositionRevision,
  PositionSection,
  PositionSubmission,
  PositionText,
  SignOn,
} from './drafting.model';
import { PositionLoaderFactory } from './position.loader';
import { PositionService } from './position.service';
import { MEMBERS_ONLY } from './deliberation';

@Resolver(() => JointPosition)
export class PositionResolver {
  constructor(
    private readonly positions: PositionService,
    private readonly positionLoaders: PositionLoaderFactory,
    private readonly networkLoaders: NetworkLoaderFactory,
  ) {}

  @Query(() => JointPosition, {
    description: "A joint position: its network's members see it always, anyone once submitted (unless private).",
  })
  async jointPosition(
    @Args() { id }: JointPositionArgs,
    @CallingActor() viewer: ActorRef,
    @Context() { loaders }: RequestContext,
  ): Promise<JointPosition> {
    const access = await this.positions.accessOf(viewer);
    const position = await this.positions.getReadable(access, id);
    loaders.of(this.positionLoaders).known(access, [position]);
    return position;
  }

  @Query(() => [JointPosition], { description: "A network's joint positions that you may read, newest first." })
  async jointPositions(
    @Args() { networkId }: JointPositionsArgs,
    @CallingActor() viewer: ActorRef,
    @Context() { loaders }: RequestContext,
  ): Promise<JointPosition[]> {
    const access = await this.positions.accessOf(viewer);
    const positions = await this.positions.listReadable(access, networkId);
    loaders.of(this.positionLoaders).known(access, positions);
    return positions;
  }

  @ResolveField(() => LocalNetwork)
  network(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<LocalNetwork> {
    return loaders.of(this.networkLoaders).byId.load(position.networkId);
  }

  @ResolveField(() => [PositionSection], { description: 'The sections as they are now, in order.' })
  sections(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<PositionSection[]> {
    return loaders.of(this.positionLoaders).sectionsByPositionId.load(position.id);
  }

  @ResolveField(() => [PositionRevision], {
    nullable: true,
    description: `Accepted changes in order, a page at a time. ${MEMBERS_ONLY}`,
  })
  async revisions(
    @Parent() position: JointPosition,
    @Args('after', { type: () => Int, defaultValue: 0, description: 'Revisions after this number.' }) after: number,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Context() context: RequestContext,
  ): Promise<PositionRevision[] | null> {
    if (first < 1 || first > 500) {
      throw DomainError.invalidInput('first', 'must be from 1 to 500');
    }
    if (!(await this.deliberationReadable(context, position))) {
      return null;
    }
    return this.positions.revisionsOf(position.id, after, first);
  }

  @ResolveField(() => PositionText, {
    nullable: true,
    description:
      "The whole text at a revision (now, when left out). At an earlier one, null unless you are a member of the draft's network (or an admin).",
  })
  async text(
    @Parent() position: JointPosition,
    @Context() context: RequestContext,
    @Args('revision', { type: () => Int, nullable: true }) revision?: number,
  ): Promise<PositionText | null> {
    const at = revision ?? position.revision;
    if (at < 0 || at > position.revision) {
      throw DomainError.invalidInput('revision', `must be from 0 to ${position.revision}`);
    }
    if (at !== position.revision && !(await this.deliberationReadable(context, position))) {
      return null;
    }
    const sections = await this.positions.textAt(null, position.id, at);
    return {
      revision: at,
      sections,
      markdown: markdownOf(position.title, sections),
      contentHash: contentHash(position.title, sections),
    };
  }

  @ResolveField(() => [DiffPart], {
    nullable: true,
    description: `Word by word, what changed in the whole text between two revisions. When that would take too long or run past ${MAX_ANSWER_PARTS.toLocaleString('en-GB')} parts, line by line; past that (or once the request's ${REQUEST_HISTORY_BUDGET_MS} ms for diffs and attributions is spent), the whole text replaced. ${MEMBERS_ONLY}`,
  })
  async diff(
    @Parent() position: JointPosition,
    @Args('from', { type: () => Int }) from: number,
    @Args('to', { type: () => Int, nullable: true, description: 'Now, when left out.' }) to: number | undefined,
    @Context() context: RequestContext,
  ): Promise<DiffPart[] | null> {
    const { loaders } = context;
    const until = to ?? position.revision;
    for (const [name, value] of [
      ['from', from],
      ['to', until],
    ] as const) {
      if (value < 0 || value > position.revision) {
        throw DomainError.invalidInput(name, `must be from 0 to ${position.revision}`);
      }
    }
    if (!(await this.deliberationReadable(context, position))) {
      return null;
    }
    const { diffs, history } = loaders.of(this.positionLoaders);
    const key = `${position.id}:${from}:${until}`;
    let diff = diffs.get(key);
    if (!diff) {
      diff = Promise.all([
        this.positions.textAt(null, position.id, from),
        this.positions.textAt(null, position.id, until),
      ]).then(([before, after]) =>
        diffTexts(markdownOf(position.title, before), markdownOf(position.title, after), history),
      );
      diffs.set(key, diff);
    }
    return diff;
  }

  @ResolveField(() => [SignOn], { description: 'Every sign-on, voided ones included, oldest first.' })
  signOns(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<SignOn[]> {
    return loaders.of(this.positionLoaders).signOnsByPositionId.load(position.id);
  }

  @ResolveField(() => PositionSubmission, { nullable: true })
  submission(position: JointPosition, _args: NoArgs, { loaders }: RequestContext): Promise<PositionSubmission | null> {
    return loaders.of(this.positionLoaders).submissionByPositionId.load(position.id);
  }

  private deliberationReadable(context: RequestContext, position: JointPosition): Promise<boolean> {
    return context.loaders.of(this.positionLoaders).deliberationReadable(context, position);
  }
}

@Resolver(() => PositionSection)
export class PositionSectionResolver {
  constructor(private readonly positionLoaders: PositionLoaderFactory) {}

  @ResolveField(() => [AttributedParagraph], {
    nullable: true,
    description: `Each paragraph with the organisations whose words are in it (from the revisions that wrote it). Past ${MAX_ANSWER_PARTS.toLocaleString('en-GB')} paragraphs, neighbours with the same organisations come as one and the last holds the rest; a revision too long to compare in time credits its organisation, with those before and after it, with every paragraph. The diffs and attributions of one request share ${REQUEST_HISTORY_BUDGET_MS} ms of work; past it they answer coarsely at once. ${MEMBERS_ONLY}`,
  })
  attribution(section: PositionSection, _args: NoArgs, context: RequestContext): Promise<AttributedParagraph[] | null> {
    const loaders = context.loaders.of(this.positionLoaders);
    return loaders.sectionDeliberation(context, section, loaders.attributionBySectionId);
  }
}

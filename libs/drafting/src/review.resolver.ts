import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { type ActorRef, CallingActor, type NoArgs, type RequestContext } from '@app/common';
import {
  CommentPayload,
  PositionComment,
  PositionSection,
  PositionSuggestion,
  SuggestionPayload,
} from './drafting.model';
import { AddCommentInput, DecideSuggestionInput, ResolveCommentInput, SuggestChangeInput } from './dto/review.input';
import { MEMBERS_ONLY } from './deliberation';
import { PositionLoaderFactory } from './position.loader';
import { ReviewFlowsService } from './review-flows.service';

/** Comments and tracked changes; who may is decided by the operation policy before these run. */
@Resolver(() => PositionSection)
export class ReviewResolver {
  constructor(
    private readonly review: ReviewFlowsService,
    private readonly positionLoaders: PositionLoaderFactory,
  ) {}

  @ResolveField(() => [PositionComment], {
    nullable: true,
    description: `Its comments and replies, oldest first, resolved ones included. ${MEMBERS_ONLY}`,
  })
  comments(section: PositionSection, _args: NoArgs, context: RequestContext): Promise<PositionComment[] | null> {
    const loaders = context.loaders.of(this.positionLoaders);
    return loaders.sectionDeliberation(context, section, loaders.commentsBySectionId);
  }

  @ResolveField(() => [PositionSuggestion], {
    nullable: true,
    description: `Its tracked changes, oldest first, decided ones included. ${MEMBERS_ONLY}`,
  })
  suggestions(section: PositionSection, _args: NoArgs, context: RequestContext): Promise<PositionSuggestion[] | null> {
    const loaders = context.loaders.of(this.positionLoaders);
    return loaders.sectionDeliberation(context, section, loaders.suggestionsBySectionId);
  }

  @Mutation(() => CommentPayload, {
    description: "Comments on a section, or answers a comment (the network's members).",
  })
  async addComment(@Args('input') input: AddCommentInput, @CallingActor() viewer: ActorRef): Promise<CommentPayload> {
    return { comment: await this.review.addComment(viewer, input) };
  }

  @Mutation(() => CommentPayload, { description: 'Resolves a comment thread.' })
  async resolveComment(
    @Args('input') input: ResolveCommentInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<CommentPayload> {
    return { comment: await this.review.resolveComment(viewer, input) };
  }

  @Mutation(() => SuggestionPayload, { description: "Proposes a tracked change to a section (the network's members)." })
  async suggestChange(
    @Args('input') input: SuggestChangeInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SuggestionPayload> {
    return { suggestion: await this.review.suggest(viewer, input) };
  }

  @Mutation(() => SuggestionPayload, {
    description:
      "Accepts (merged into the text as its author's edit) or rejects a tracked change: the section's lead organisation or a convenor.",
  })
  async decideSuggestion(
    @Args('input') input: DecideSuggestionInput,
    @CallingActor() viewer: ActorRef,
  ): Promise<SuggestionPayload> {
    return { suggestion: (await this.review.decide(viewer, input)).suggestion };
  }
}

import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { assertBody, DraftLock, draftOf } from './draft-lock';
import { PositionCommentEntity, PositionSuggestionEntity } from './drafting.entities';
import { SuggestionStatus } from './drafting.enums';
import type {
  AddCommentInput,
  DecideSuggestionInput,
  ResolveCommentInput,
  SuggestChangeInput,
} from './dto/review.input';
import { PositionService } from './position.service';
import { type EditOutcome, SectionFlowsService } from './section-flows.service';
import { DraftingRefusal } from './drafting.errors';

export interface SuggestionDecision {
  readonly suggestion: PositionSuggestionEntity;
  readonly edit: EditOutcome | null;
}

/** Comments and tracked changes on a draft's sections; they go through the draft's lock like edits. */
@Injectable()
export class ReviewFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly lock: DraftLock,
    private readonly sections: SectionFlowsService,
    private readonly positions: PositionService,
  ) {}

  /** A comment on a section (anchored to a range of its text now), or a reply to one. */
  addComment(viewer: ActorRef, input: AddCommentInput): Promise<PositionCommentEntity> {
    const personId = signedIn(viewer);
    return this.lock.withSection(viewer, input.sectionId, async ({ tx, row: position, note }, section) => {
      await this.lock.assertWritesFor(viewer, position.networkId, input.organisationId, 'input.organisationId');
      if (input.parentId) {
        const parent = await tx.findOneBy(PositionCommentEntity, { id: input.parentId, sectionId: section.id });
        if (!parent || parent.parentId) {
          throw DomainError.unknown('input.parentId', 'is not a comment on this section to reply to');
        }
      }
      const anchor = input.anchor ?? null;
      if (anchor && (anchor.end < anchor.start || anchor.end > section.body.length)) {
        throw DomainError.invalidInput('input.anchor', `must be a range within the body (0 to ${section.body.length})`);
      }
      const { id } = await tx.save(
        tx.create(PositionCommentEntity, {
          positionId: position.id,
          sectionId: section.id,
          parentId: input.parentId ?? null,
          anchorStart: anchor?.start ?? null,
          anchorEnd: anchor?.end ?? null,
          revision: section.revision,
          quote: anchor ? section.body.slice(anchor.start, anchor.end) : null,
          body: input.body,
          authorPersonId: personId,
          authorOrganisationId: input.organisationId ?? null,
        }),
      );
      await note(ActivityVerb.POSITION_COMMENTED, { sectionId: section.id, commentId: id });
      return tx.findOneByOrFail(PositionCommentEntity, { id });
    });
  }

  /** Marks a comment (and so its thread) resolved; resolving it again changes nothing. */
  async resolveComment(viewer: ActorRef, input: ResolveCommentInput): Promise<PositionCommentEntity> {
    const personId = signedIn(viewer);
    const comment = await this.positions.commentById(input.commentId);
    if (!comment) {
      throw DomainError.unknown('input.commentId', 'is not a comment');
    }
    return this.activity.transactionOn(draftOf(viewer, comment.positionId), async ({ tx, note, record }) => {
      const current = await tx.findOneByOrFail(PositionCommentEntity, { id: comment.id });
      if (current.resolvedAt) {
        record.unchanged();
        return current;
      }
      await tx.update(
        PositionCommentEntity,
        { id: comment.id },
        { resolvedAt: new Date(), resolvedByPersonId: personId },
      );
      await note(ActivityVerb.POSITION_COMMENT_RESOLVED, { sectionId: comment.sectionId, commentId: comment.id });
      return tx.findOneByOrFail(PositionCommentEntity, { id: comment.id });
    });
  }

  /** Proposes a replacement for a range of a section as it was at `baseRevision`. */
  suggest(viewer: ActorRef, input: SuggestChangeInput): Promise<PositionSuggestionEntity> {
    const personId = signedIn(viewer);
    assertBody(input.replacement, 'input.replacement');
    return this.lock.withSection(viewer, input.sectionId, async ({ tx, row: position, note }, section) => {
      await this.lock.assertWritesFor(viewer, position.networkId, input.organisationId, 'input.organisationId');
      if (input.baseRevision > position.revision) {
        throw DomainError.badInput(
          DraftingRefusal.REVISION_AHEAD,
          'input.baseRevision',
          `is ahead of the draft (revision ${position.revision})`,
        );
      }
      const base = await this.positions.sectionAt(tx, section.id, input.baseRevision);
      if (!base) {
        throw DomainError.invalidInput('input.baseRevision', 'the section did not exist then');
      }
      if (input.end < input.start || input.end > base.body.length) {
        throw DomainError.invalidInput(
          'input.end',
          `must be a range within the body at that revision (0 to ${base.body.length})`,
        );
      }
      const { id } = await tx.save(
        tx.create(PositionSuggestionEntity, {
          positionId: position.id,
          sectionId: section.id,
          baseRevision: input.baseRevision,
          rangeStart: input.start,
          rangeEnd: input.end,
          original: base.body.slice(input.start, input.end),
          replacement: input.replacement,
          authorPersonId: personId,
          authorOrganisationId: input.organisationId ?? null,
        }),
      );
      await note(ActivityVerb.POSITION_SUGGESTED, { sectionId: section.id, suggestionId: id });
      return tx.findOneByOrFail(PositionSuggestionEntity, { id });
    });
  }

  /**
   * Accepts (applying it as its author's edit, merged with changes since) or rejects a tracked
   * change. If it no longer applies cleanly, CONFLICT: it stays open and nothing is written.
   */
  async decide(viewer: ActorRef, input: DecideSuggestionInput): Promise<SuggestionDecision> {
    const personId = signedIn(viewer);
    const found = await this.positions.suggestionById(input.suggestionId);
    if (!found) {
      throw DomainError.unknown('input.suggestionId', 'is not a suggestion');
    }
    return this.lock.withSection(viewer, found.sectionId, async (locked, section) => {
      const { tx, note } = locked;
      const suggestion = await tx.findOneByOrFail(PositionSuggestionEntity, { id: found.id });
      if (suggestion.status !== SuggestionStatus.OPEN) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          DraftingRefusal.SUGGESTION_SETTLED,
          `The suggestion was already ${suggestion.status}`,
          [{ field: 'input.suggestionId', message: `is ${suggestion.status}` }],
        );
      }
      let edit: EditOutcome | null = null;
      if (input.accept) {
        const base = await this.positions.sectionAt(tx, section.id, suggestion.baseRevision);
        const body = base?.body ?? '';
        edit = await this.sections.applyEdit(
          locked,
          section,
          {
            baseRevision: suggestion.baseRevision,
            body: body.slice(0, suggestion.rangeStart) + suggestion.replacement + body.slice(suggestion.rangeEnd),
          },
          { personId: suggestion.authorPersonId, organisationId: suggestion.authorOrganisationId },
        );
        if (edit.kind === 'CONFLICT') {
          throw new DomainError(
            ErrorCode.CONFLICT,
            DraftingRefusal.STALE_REVISION,
            'The words it changes have changed since: it no longer applies (suggest it again on the current text)',
            [{ field: 'input.suggestionId', message: 'no longer applies' }],
          );
        }
      }
      await tx.update(
        PositionSuggestionEntity,
        { id: suggestion.id },
        {
          status: input.accept ? SuggestionStatus.ACCEPTED : SuggestionStatus.REJECTED,
          decidedByPersonId: personId,
          decidedAt: new Date(),
          resultingRevision: edit?.kind === 'EDITED' ? edit.revision : null,
        },
      );
      await note(input.accept ? ActivityVerb.POSITION_SUGGESTION_ACCEPTED : ActivityVerb.POSITION_SUGGESTION_REJECTED, {
        sectionId: section.id,
        suggestionId: suggestion.id,
      });
      return { suggestion: await tx.findOneByOrFail(PositionSuggestionEntity, { id: suggestion.id }), edit };
    });
  }
}

function signedIn(viewer: ActorRef): string {
  if (!viewer.personId) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      CommonRefusal.NOT_A_PERSON,
      'Only a signed-in person reviews a draft (comments and suggestions), not an API token',
    );
  }
  return viewer.personId;
}

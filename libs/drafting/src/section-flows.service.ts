import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb } from '@app/activity';
import { type ActorRef, DomainError } from '@app/common';
import {
  assertBody,
  assertEditable,
  type Author,
  authorOf,
  DraftLock,
  draftOf,
  type LockedDraft,
  MAX_SECTIONS,
} from './draft-lock';
import { insertSection, liveSections, nextRevision, renumber } from './draft-revisions';
import { PositionSectionEntity, PositionSuggestionEntity } from './drafting.entities';
import { RevisionKind, SuggestionStatus } from './drafting.enums';
import type { AddSectionInput, EditSectionInput, MoveSectionInput, RemoveSectionInput } from './dto/drafting.input';
import { PositionService } from './position.service';
import { mergeText } from './text-merge';
import { DraftingRefusal } from './drafting.errors';

export type EditOutcome =
  | {
      readonly kind: 'EDITED';
      readonly section: PositionSectionEntity;
      readonly revision: number;
      readonly merged: boolean;
    }
  | { readonly kind: 'CONFLICT'; readonly section: PositionSectionEntity; readonly message: string };

/** Section editing: each change is a revision of the locked draft, merged with changes made since. */
@Injectable()
export class SectionFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly lock: DraftLock,
    private readonly positions: PositionService,
  ) {}

  /**
   * Applies an edit made on `baseRevision`. If the section changed since, the edit is merged
   * word by word with what others wrote; overlapping changes give a conflict and write nothing.
   */
  editSection(viewer: ActorRef, input: EditSectionInput): Promise<EditOutcome> {
    if (input.body !== undefined) {
      assertBody(input.body, 'input.body');
    }
    return this.lock.withSection(viewer, input.sectionId, async (locked, section) => {
      await this.lock.assertWritesFor(viewer, locked.row.networkId, input.organisationId, 'input.organisationId');
      return this.applyEdit(locked, section, input, {
        personId: viewer.personId ?? null,
        organisationId: input.organisationId ?? null,
      });
    });
  }

  /**
   * Applies a change made on `baseRevision` to a locked section: as it is when nobody changed
   * the section since, else merged with what they wrote; a conflict writes nothing.
   */
  async applyEdit(
    { tx, row: position, note, record }: LockedDraft,
    section: PositionSectionEntity,
    change: { readonly baseRevision: number; readonly heading?: string; readonly body?: string },
    author: Author,
  ): Promise<EditOutcome> {
    assertEditable(position);
    if (change.baseRevision > position.revision) {
      throw DomainError.badInput(
        DraftingRefusal.REVISION_AHEAD,
        'input.baseRevision',
        `is ahead of the draft (revision ${position.revision})`,
      );
    }
    const known = await this.positions.sectionAt(tx, section.id, change.baseRevision);
    const base = known ?? { heading: '', body: '' };
    const stale = section.revision > change.baseRevision;
    const heading = mergeText(base.heading, change.heading ?? base.heading, section.heading);
    const body = mergeText(base.body, change.body ?? base.body, section.body);
    if (!heading.clean || !body.clean) {
      record.unchanged();
      return {
        kind: 'CONFLICT',
        section,
        message: known
          ? `Changed by someone else since revision ${change.baseRevision}, in the same words: reapply your edit to revision ${section.revision}`
          : `This section did not exist at revision ${change.baseRevision} (it was added later): read it at revision ${section.revision} and reapply your edit to that`,
      };
    }
    if (heading.text === section.heading && body.text === section.body) {
      record.unchanged();
      return { kind: 'EDITED', section, revision: section.revision, merged: false };
    }
    if (!heading.text.trim()) {
      throw DomainError.invalidInput('input.heading', 'must not be empty');
    }
    assertBody(body.text, 'input.body');
    const revision = await nextRevision(tx, position, author, {
      kind: RevisionKind.SECTION_EDITED,
      sectionId: section.id,
      baseRevision: change.baseRevision,
      merged: stale,
      heading: heading.text,
      body: body.text,
    });
    await tx.update(PositionSectionEntity, { id: section.id }, { heading: heading.text, body: body.text, revision });
    await note(ActivityVerb.POSITION_SECTION_EDITED, { sectionId: section.id, revision, merged: stale });
    return {
      kind: 'EDITED',
      section: await tx.findOneByOrFail(PositionSectionEntity, { id: section.id }),
      revision,
      merged: stale,
    };
  }

  addSection(viewer: ActorRef, input: AddSectionInput): Promise<PositionSectionEntity> {
    assertBody(input.body ?? '', 'input.body');
    return this.activity.transactionOn(draftOf(viewer, input.positionId), async ({ tx, row: position, note }) => {
      assertEditable(position);
      await this.lock.assertWritesFor(viewer, position.networkId, input.organisationId, 'input.organisationId');
      await this.lock.assertMember(position.networkId, input.leadOrganisationId, 'input.leadOrganisationId');
      const order = (await liveSections(tx, position.id)).map((s) => s.id);
      if (order.length >= MAX_SECTIONS) {
        throw DomainError.badInput(
          DraftingRefusal.TOO_MANY_SECTIONS,
          'input.positionId',
          `a joint position has at most ${MAX_SECTIONS} sections`,
        );
      }
      const at = Math.min(Math.max(input.position ?? order.length + 1, 1), order.length + 1);
      const section = await insertSection(tx, position, viewer, input, order, input.organisationId ?? null, at);
      await note(ActivityVerb.POSITION_SECTION_ADDED, { sectionId: section.id, revision: section.revision });
      return section;
    });
  }

  removeSection(viewer: ActorRef, input: RemoveSectionInput): Promise<PositionSectionEntity> {
    return this.lock.withSection(viewer, input.sectionId, async ({ tx, row: position, note }, section) => {
      assertEditable(position);
      await tx.update(PositionSectionEntity, { id: section.id }, { removedAt: () => 'now()' });
      // Tracked changes to it can no longer apply: they are closed with it.
      await tx.update(
        PositionSuggestionEntity,
        { sectionId: section.id, status: SuggestionStatus.OPEN },
        { status: SuggestionStatus.REJECTED, decidedByPersonId: viewer.personId ?? null, decidedAt: new Date() },
      );
      const order = (await liveSections(tx, position.id)).map((s) => s.id);
      await renumber(tx, order);
      const revision = await nextRevision(tx, position, authorOf(viewer), {
        kind: RevisionKind.SECTION_REMOVED,
        sectionId: section.id,
        sectionOrder: order,
      });
      await note(ActivityVerb.POSITION_SECTION_REMOVED, { sectionId: section.id, revision });
      return tx.findOneByOrFail(PositionSectionEntity, { id: section.id });
    });
  }

  /** Moves a section to a position (from 1) among the live ones; the others keep their order. */
  moveSection(viewer: ActorRef, input: MoveSectionInput): Promise<PositionSectionEntity> {
    return this.lock.withSection(viewer, input.sectionId, async ({ tx, row: position, note, record }, section) => {
      assertEditable(position);
      const others = (await liveSections(tx, position.id)).map((s) => s.id).filter((id) => id !== section.id);
      const at = Math.min(Math.max(input.position, 1), others.length + 1);
      const order = [...others.slice(0, at - 1), section.id, ...others.slice(at - 1)];
      if (order.indexOf(section.id) === section.ordinal - 1) {
        record.unchanged();
        return section;
      }
      await renumber(tx, order);
      const revision = await nextRevision(tx, position, authorOf(viewer), {
        kind: RevisionKind.SECTIONS_REORDERED,
        sectionId: section.id,
        sectionOrder: order,
      });
      await note(ActivityVerb.POSITION_SECTIONS_REORDERED, { sectionId: section.id, revision, position: at });
      return tx.findOneByOrFail(PositionSectionEntity, { id: section.id });
    });
  }
}

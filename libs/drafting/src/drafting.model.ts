import { createUnionType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ActivityVerb } from '@app/activity';
import { PositionStatus, RevisionKind, SuggestionStatus } from './drafting.enums';

@ObjectType('JointPosition', {
  description:
    'A joint position or briefing a network drafts for its commissioner (members only until it is submitted).',
})
export class JointPosition {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  networkId!: string;

  @Field()
  title!: string;

  @Field()
  audience!: string;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  deadline!: string | null;

  @Field(() => PositionStatus)
  status!: PositionStatus;

  @Field(() => String, { nullable: true })
  statusReason!: string | null;

  @Field()
  publicWhenSubmitted!: boolean;

  @Field(() => Int, { description: 'Accepted changes so far, numbered from 1 without gaps.' })
  revision!: number;

  @Field(() => Int, { nullable: true, description: 'The revision agreed and signed.' })
  agreedRevision!: number | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('PositionSection')
export class PositionSection {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  positionId!: string;

  @Field(() => Int, { description: 'Its place, from 1.' })
  ordinal!: number;

  @Field()
  heading!: string;

  @Field({ description: 'Markdown.' })
  body!: string;

  @Field(() => ID, { nullable: true })
  leadOrganisationId!: string | null;

  @Field(() => Int, { description: 'The draft revision of its last change: give it as `baseRevision` when editing.' })
  revision!: number;
}

@ObjectType('PositionRevision', { description: 'One accepted change.' })
export class PositionRevision {
  @Field(() => Int)
  number!: number;

  @Field(() => RevisionKind)
  kind!: RevisionKind;

  @Field(() => ID, { nullable: true })
  sectionId!: string | null;

  @Field(() => Int, { nullable: true })
  baseRevision!: number | null;

  @Field({ description: 'Merged with changes others made since its base.' })
  merged!: boolean;

  @Field(() => String, { nullable: true })
  heading!: string | null;

  @Field(() => String, { nullable: true })
  body!: string | null;

  @Field(() => ID, { nullable: true })
  authorPersonId!: string | null;

  @Field(() => ID, { nullable: true })
  authorOrganisationId!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('SectionText', { description: 'A section as it read at some revision.' })
export class SectionText {
  @Field(() => ID)
  id!: string;

  @Field()
  heading!: string;

  @Field()
  body!: string;
}

@ObjectType('PositionText', { description: 'The whole text at a revision, as exported and signed.' })
export class PositionText {
  @Field(() => Int)
  revision!: number;

  @Field(() => [SectionText])
  sections!: SectionText[];

  @Field({ description: 'The Markdown export.' })
  markdown!: string;

  @Field({ description: 'SHA-256 (hex) of the Markdown: what a sign-on fixes.' })
  contentHash!: string;
}

@ObjectType('SignOn', { description: "An organisation's signature on one fixed text." })
export class SignOn {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID)
  signedByPersonId!: string;

  @Field(() => Int)
  revision!: number;

  @Field()
  contentHash!: string;

  @Field()
  signedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Set when the draft was reopened after it.' })
  voidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  voidReason!: string | null;
}

@ObjectType('PositionSubmission')
export class PositionSubmission {
  @Field()
  submittedTo!: string;

  @Field()
  submittedOn!: string;

  @Field()
  method!: string;

  @Field(() => Int)
  revision!: number;

  @Field()
  contentHash!: string;

  @Field(() => String, { nullable: true })
  responseText!: string | null;

  @Field(() => String, { nullable: true })
  respondedOn!: string | null;

  @Field(() => [String])
  commitments!: string[];
}

@ObjectType({ description: "The edit was applied (merged with others' changes when `merged`)." })
export class SectionEdited {
  @Field(() => PositionSection)
  section!: PositionSection;

  @Field(() => Int)
  revision!: number;

  @Field()
  merged!: boolean;
}

@ObjectType({
  description:
    'Someone changed the same words since your base revision: nothing was written. The section as it is now is here; reapply your edit to it.',
})
export class EditConflict {
  @Field(() => PositionSection, { description: 'The section as it is now.' })
  section!: PositionSection;

  @Field()
  message!: string;
}

export const EditSectionResult = createUnionType({
  name: 'EditSectionResult',
  types: () => [SectionEdited, EditConflict] as const,
  resolveType: (value: { kind?: string }) => (value.kind === 'CONFLICT' ? EditConflict : SectionEdited),
});

@ObjectType()
export class JointPositionPayload {
  @Field(() => JointPosition)
  position!: JointPosition;
}

@ObjectType()
export class SectionPayload {
  @Field(() => PositionSection)
  section!: PositionSection;
}

@ObjectType()
export class SignOnPayload {
  @Field(() => SignOn)
  signOn!: SignOn;
}

@ObjectType('PositionChange', { description: 'Something happened to a draft (live).' })
export class PositionChange {
  @Field(() => ActivityVerb)
  verb!: ActivityVerb;

  @Field(() => Int, { description: "The draft's revision after it: a gap means you missed one (refetch)." })
  revision!: number;

  @Field(() => ID, { nullable: true })
  sectionId!: string | null;

  @Field(() => PositionSection, { nullable: true, description: 'The section as it is now, when one changed.' })
  section!: PositionSection | null;

  @Field(() => JointPosition)
  position!: JointPosition;

  @Field()
  cursor!: string;
}

@ObjectType('DiffPart', { description: 'A run of a word diff: unchanged, added or removed.' })
export class DiffPart {
  @Field()
  value!: string;

  @Field()
  added!: boolean;

  @Field()
  removed!: boolean;
}

@ObjectType('AttributedParagraph', {
  description: 'A paragraph of a section and the organisations whose words are in it.',
})
export class AttributedParagraph {
  @Field()
  text!: string;

  @Field(() => [ID])
  organisationIds!: string[];
}

@ObjectType('PositionComment', { description: 'A comment on a section, anchored to words of it as they were.' })
export class PositionComment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  sectionId!: string;

  @Field(() => ID, { nullable: true, description: 'The comment this answers.' })
  parentId!: string | null;

  @Field(() => Int, { nullable: true })
  anchorStart!: number | null;

  @Field(() => Int, { nullable: true })
  anchorEnd!: number | null;

  @Field(() => Int, { description: "The section's revision the anchor refers to." })
  revision!: number;

  @Field(() => String, { nullable: true, description: 'The words it was about, as they were.' })
  quote!: string | null;

  @Field()
  body!: string;

  @Field(() => ID)
  authorPersonId!: string;

  @Field(() => ID, { nullable: true })
  authorOrganisationId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType('PositionSuggestion', { description: 'A tracked change to a section.' })
export class PositionSuggestion {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  sectionId!: string;

  @Field(() => Int)
  baseRevision!: number;

  @Field(() => Int)
  rangeStart!: number;

  @Field(() => Int)
  rangeEnd!: number;

  @Field({ description: 'The words it replaces, as they were.' })
  original!: string;

  @Field()
  replacement!: string;

  @Field(() => ID)
  authorPersonId!: string;

  @Field(() => ID, { nullable: true })
  authorOrganisationId!: string | null;

  @Field(() => SuggestionStatus)
  status!: SuggestionStatus;

  @Field(() => Int, { nullable: true, description: 'The revision that applied it.' })
  resultingRevision!: number | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CommentPayload {
  @Field(() => PositionComment)
  comment!: PositionComment;
}

@ObjectType()
export class SuggestionPayload {
  @Field(() => PositionSuggestion)
  suggestion!: PositionSuggestion;
}

@ObjectType('DraftPresence', {
  description: 'Someone with the draft open: where they are, and whether they are typing.',
})
export class DraftPresence {
  @Field(() => ID, { description: 'Their connection (one person may have several).' })
  presenceId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ID, { nullable: true })
  sectionId!: string | null;

  @Field()
  editing!: boolean;
}

@ObjectType('PresenceUpdate', { description: 'Who has the draft open now.' })
export class PresenceUpdate {
  @Field(() => ID, { description: 'Your own presence: give it to `movePresence`.' })
  you!: string;

  @Field(() => [DraftPresence])
  present!: DraftPresence[];
}

@ObjectType()
export class PresencePayload {
  @Field(() => DraftPresence)
  presence!: DraftPresence;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Event } from '@app/events';
import { ElectionKind, ElectionSource } from '../influencing.enums';

@ObjectType('ElectionRound', {
  description:
    'A polling day on which areas elect the office holding their PCC functions: an ordinary round, a by-election or a mayoral round.',
})
export class ElectionRound {
  @Field(() => ID, { description: 'Opaque, stable identifier (fixed for rounds from the seeded record).' })
  id!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  pollingDay!: string;

  @Field(() => ElectionKind, { description: 'What the round elects; see each contest for the office in its area.' })
  kind!: ElectionKind;

  @Field({ description: 'True for a by-election (an office fell vacant between ordinary rounds).' })
  byElection!: boolean;

  @Field(() => ElectionSource, { description: 'Derived from the seeded record, or entered by an admin.' })
  source!: ElectionSource;

  @Field(() => String, { nullable: true, description: 'Why the round was held when it was, and caveats.' })
  notes!: string | null;
}

@ObjectType('ElectionContest', { description: "One area's contest in a round, for the office it elects there." })
export class ElectionContest {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  id!: string;

  @Field(() => ElectionKind, { description: 'The office contested in this area (a PCC round also elects PFCCs).' })
  kind!: ElectionKind;

  roundId!: string;
  policeForceAreaId!: string;
}

@ObjectType('ElectionCandidate', { description: "Someone standing in an area's contest." })
export class ElectionCandidate {
  @Field(() => ID, { description: 'Opaque, stable identifier.' })
  id!: string;

  @Field({ description: 'As on the ballot paper.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Null for an independent.' })
  party!: string | null;

  @Field(() => String, { nullable: true, description: "The candidate's published statement." })
  statementUrl!: string | null;
}

@ObjectType({ description: 'The round as scheduled.' })
export class ElectionRoundPayload {
  @Field(() => ElectionRound)
  round!: ElectionRound;
}

@ObjectType({ description: 'The candidate added, and the contest they stand in.' })
export class ElectionCandidatePayload {
  @Field(() => ElectionCandidate)
  candidate!: ElectionCandidate;

  @Field(() => ElectionContest)
  contest!: ElectionContest;
}

@ObjectType({ description: 'The round and the event now linked as its hustings.' })
export class HustingsPayload {
  @Field(() => ElectionRound)
  round!: ElectionRound;

  @Field(() => Event)
  event!: Event;
}

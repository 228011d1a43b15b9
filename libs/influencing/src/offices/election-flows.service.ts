import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ActivityRecorder, ActivityVerb, ActivityVisibility, type LockTarget } from '@app/activity';
import { type ActorRef, DomainError, ErrorCode, todayIn, UK_TIME_ZONE, violatedConstraint } from '@app/common';
import { EventEntity, EventKind, EventVisibility } from '@app/events';
import { PoliceForceAreaService } from '@app/geography';
import { ElectionKind, ElectionSource } from '../influencing.enums';
import {
  ElectionCandidateEntity,
  ElectionContestEntity,
  ElectionHustingsEntity,
  ElectionRoundEntity,
} from '../office.entities';
import { addDays } from './calendar-dates';
import { contestKindOn, TAKES_OFFICE_AFTER_DAYS } from './contest-kind';
import type { AddElectionCandidateInput, LinkHustingsInput, ScheduleElectionRoundInput } from './dto/election.input';
import { OfficeService } from './office.service';
import { InfluencingRefusal } from '../influencing.errors';

export interface CandidateAdded {
  readonly candidate: ElectionCandidateEntity;
  readonly contest: ElectionContestEntity;
}

export interface HustingsLinked {
  readonly round: ElectionRoundEntity;
  readonly event: EventEntity;
}

const roundTaken = (input: ScheduleElectionRoundInput): DomainError =>
  new DomainError(
    ErrorCode.CONFLICT,
    InfluencingRefusal.ROUND_TAKEN,
    `A ${input.kind} ${input.byElection ? 'by-election' : 'round'} is already scheduled on ${input.pollingDay}`,
    [{ field: 'input.pollingDay', message: 'already has a round of this kind' }],
  );

/** Scheduling rounds, adding candidates (platform admins) and linking hustings (the event's organisers). */
@Injectable()
export class ElectionFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly offices: OfficeService,
    private readonly areas: PoliceForceAreaService,
  ) {}

  /** A future round in the areas named; a PCC round elects a PFCC where one governs after polling day. */
  async scheduleRound(viewer: ActorRef, input: ScheduleElectionRoundInput): Promise<ElectionRoundEntity> {
    if (input.pollingDay <= todayIn(UK_TIME_ZONE)) {
      throw DomainError.invalidInput('input.pollingDay', 'must be after today (past rounds come from the record)');
    }
    const byElection = input.byElection ?? false;
    try {
      return await this.activity.transaction(async (tx, record) => {
        const areas = await this.contestedAreas(tx, input);
        if (await tx.existsBy(ElectionRoundEntity, { pollingDay: input.pollingDay, kind: input.kind, byElection })) {
          throw roundTaken(input);
        }
        const { id } = await tx.save(
          tx.create(ElectionRoundEntity, {
            pollingDay: input.pollingDay,
            kind: input.kind,
            byElection,
            source: ElectionSource.ENTERED,
            notes: input.notes ?? null,
          }),
        );
        await tx.insert(
          ElectionContestEntity,
          areas.map((a) => ({ roundId: id, policeForceAreaId: a.id, kind: a.kind })),
        );
        // One item per area, so that each area's feed hears of its election.
        for (const area of areas) {
          await record({
            verb: ActivityVerb.ELECTION_ROUND_SCHEDULED,
            visibility: ActivityVisibility.PUBLIC,
            actorPersonId: viewer.personId ?? null,
            policeForceAreaCode: area.code,
            payload: { roundId: id, pollingDay: input.pollingDay, kind: input.kind, byElection, contest: area.kind },
          });
        }
        return tx.findOneByOrFail(ElectionRoundEntity, { id });
      });
    } catch (error) {
      // Two admins scheduling the same round at once: the unique constraint decides.
      throw violatedConstraint(error) === 'election_round_day_kind_uq' ? roundTaken(input) : error;
    }
  }

  addCandidate(viewer: ActorRef, input: AddElectionCandidateInput): Promise<CandidateAdded> {
    // The round's lock serialises additions to its contests, so the check below holds at commit.
    return this.activity.transactionOn(roundOf(input.roundId), async ({ tx, row: round, record }) => {
      const contest = await tx
        .createQueryBuilder(ElectionContestEntity, 'c')
        .innerJoin('c.policeForceArea', 'a')
        .where('c.round_id = :roundId AND a.code = :code', { roundId: round.id, code: input.policeForceAreaCode })
        .getOne();
      if (!contest) {
        throw DomainError.badInput(
          InfluencingRefusal.NOT_CONTESTED,
          'input.policeForceAreaCode',
          `is not contested in the round of ${round.pollingDay}`,
        );
      }
      if (await tx.existsBy(ElectionCandidateEntity, { contestId: contest.id, name: input.name })) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          InfluencingRefusal.ALREADY_A_CANDIDATE,
          `${input.name} is already a candidate in this contest`,
          [{ field: 'input.name', message: 'is already a candidate in this contest' }],
        );
      }
      const { id } = await tx.save(
        tx.create(ElectionCandidateEntity, {
          contestId: contest.id,
          name: input.name,
          party: input.party ?? null,
          statementUrl: input.statementUrl ?? null,
        }),
      );
      await record({
        verb: ActivityVerb.ELECTION_CANDIDATE_ADDED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: input.policeForceAreaCode,
        payload: {
          roundId: round.id,
          pollingDay: round.pollingDay,
          contestId: contest.id,
          candidateId: id,
          name: input.name,
          party: input.party ?? null,
        },
      });
      return {
        candidate: await tx.findOneByOrFail(ElectionCandidateEntity, { id }),
        contest: await tx.findOneByOrFail(ElectionContestEntity, { id: contest.id }),
      };
    });
  }

  /**
   * Links a hustings event to a round: it must be held before polling day, in an area the round
   * contests (or be national). Linking it again to the same round changes nothing.
   */
  linkHustings(viewer: ActorRef, input: LinkHustingsInput): Promise<HustingsLinked> {
    // The event's lock serialises links of one event, so the check below holds at commit.
    const target = {
      entity: EventEntity,
      id: input.eventId,
      name: 'Event',
      missing: () => DomainError.unknown('input.eventId', 'is not an event'),
    };
    return this.activity.transactionOn(target, async ({ tx, row: event, record }) => {
      const round = await tx.findOneBy(ElectionRoundEntity, { id: input.roundId });
      if (!round) {
        throw roundMissing();
      }
      const linked = await tx.findOneBy(ElectionHustingsEntity, { eventId: event.id });
      if (linked?.roundId === round.id) {
        record.unchanged();
        return { round, event };
      }
      if (linked) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          InfluencingRefusal.HUSTINGS_TAKEN,
          'The event is already hustings for another round',
          [{ field: 'input.eventId', message: 'is linked to another round' }],
        );
      }
      await assertHustingsFor(tx, event, round);
      await tx.insert(ElectionHustingsEntity, { eventId: event.id, roundId: round.id });
      const [area] = event.policeForceAreaId ? await this.offices.areasByIds([event.policeForceAreaId]) : [];
      await record({
        verb: ActivityVerb.ELECTION_HUSTINGS_LINKED,
        // As public as the event: a members-only event's item stays with its network.
        visibility:
          event.visibility === EventVisibility.PUBLIC ? ActivityVisibility.PUBLIC : ActivityVisibility.NETWORK,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: area?.code ?? null,
        organisationId: event.organiserOrganisationId,
        networkId: event.networkId,
        eventId: event.id,
        payload: { roundId: round.id, pollingDay: round.pollingDay, kind: round.kind, event: event.title },
      });
      return { round, event };
    });
  }

  /** The areas named, in order, with the office each contests; BAD_USER_INPUT names the first unfit. */
  private async contestedAreas(
    tx: EntityManager,
    input: ScheduleElectionRoundInput,
  ): Promise<{ id: string; code: string; kind: ElectionKind }[]> {
    const found = await this.areas.findByCodes(input.policeForceAreaCodes);
    const periods = await this.offices.periodsOf(
      found.map((a) => a.id),
      tx,
    );
    const takesOffice = addDays(input.pollingDay, TAKES_OFFICE_AFTER_DAYS);
    return input.policeForceAreaCodes.map((code, i) => {
      const area = found.find((a) => a.code === code);
      if (!area) {
        throw DomainError.unknown(`input.policeForceAreaCodes.${i}`, 'is not a police force area');
      }
      const kind = contestKindOn(
        input.kind,
        periods.filter((p) => p.policeForceAreaId === area.id),
        takesOffice,
      );
      if (!kind) {
        throw DomainError.invalidInput(
          `input.policeForceAreaCodes.${i}`,
          `has no ${input.kind === ElectionKind.PFCC ? 'PFCC' : 'commissioner'} to elect on ${takesOffice}`,
        );
      }
      return { ...area, kind };
    });
  }
}

const roundMissing = (): DomainError => DomainError.unknown('input.roundId', 'is not an election round');

/** A round, held (NO KEY UPDATE) while candidates are added to its contests. */
const roundOf = (id: string): LockTarget<ElectionRoundEntity> => ({
  entity: ElectionRoundEntity,
  id,
  name: 'Election round',
  mode: 'no-key-update',
  missing: roundMissing,
});

async function assertHustingsFor(tx: EntityManager, event: EventEntity, round: ElectionRoundEntity): Promise<void> {
  if (event.kind !== EventKind.PCC_HUSTINGS) {
    throw DomainError.invalidInput('input.eventId', `is a ${event.kind} event, not PCC_HUSTINGS`);
  }
  if (todayIn(UK_TIME_ZONE, event.startsAt) >= round.pollingDay) {
    throw DomainError.invalidInput('input.eventId', `does not start before polling day (${round.pollingDay})`);
  }
  if (
    event.policeForceAreaId &&
    !(await tx.existsBy(ElectionContestEntity, { roundId: round.id, policeForceAreaId: event.policeForceAreaId }))
  ) {
    throw DomainError.badInput(
      InfluencingRefusal.NOT_CONTESTED,
      'input.eventId',
      'is in an area the round does not contest',
    );
  }
}

import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { type ActorRef, DomainError } from '@app/common';
import { draftOf, type JointPositionEntity, PositionService } from '@app/drafting';
import { PoliceForceAreaService } from '@app/geography';
import { NetworkService } from '@app/networks';
import { OrganisationService } from '@app/organisations';
import {
  JusticeDataLabResultEntity,
  PlanPriorityEntity,
  PoliceCrimePlanEntity,
  PositionEvidenceEntity,
  PositionPriorityEntity,
} from '../plan.entities';
import type {
  CiteEvidenceInput,
  DeclarePositionPrioritiesInput,
  RecordJusticeDataLabResultInput,
  RecordPoliceCrimePlanInput,
  WithdrawEvidenceInput,
} from './plan.input';

/** Plans (kept by admins), the priorities positions address, and the evidence organisations publish. */
@Injectable()
export class PlanFlowsService {
  constructor(
    private readonly activity: ActivityRecorder,
    private readonly areas: PoliceForceAreaService,
    private readonly positions: PositionService,
    private readonly networks: NetworkService,
    private readonly organisations: OrganisationService,
  ) {}

  async recordPlan(viewer: ActorRef, input: RecordPoliceCrimePlanInput): Promise<PoliceCrimePlanEntity> {
    const area = await this.areas.getByCode(input.policeForceAreaCode).catch(() => {
      throw DomainError.unknown('input.policeForceAreaCode', 'is not a police force area');
    });
    if (input.periodEnd && input.periodEnd <= input.periodStart) {
      throw DomainError.invalidInput('input.periodEnd', 'must be after periodStart');
    }
    if (input.consultationOpens && input.consultationCloses && input.consultationCloses < input.consultationOpens) {
      throw DomainError.invalidInput('input.consultationCloses', 'must not be before consultationOpens');
    }
    return this.activity.transaction(async (tx, record) => {
      const plan = await tx.save(
        tx.create(PoliceCrimePlanEntity, {
          policeForceAreaId: area.id,
          title: input.title,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd ?? null,
          consultationOpens: input.consultationOpens ?? null,
          consultationCloses: input.consultationCloses ?? null,
          documentUrl: input.documentUrl ?? null,
        }),
      );
      await tx.insert(
        PlanPriorityEntity,
        input.priorities.map((p, i) => ({
          planId: plan.id,
          ordinal: i + 1,
          title: p.title,
          description: p.description?.trim() || null,
        })),
      );
      await record({
        verb: ActivityVerb.POLICE_CRIME_PLAN_RECORDED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        policeForceAreaCode: area.code,
        payload: { planId: plan.id, title: plan.title, priorities: input.priorities.length },
      });
      return tx.findOneByOrFail(PoliceCrimePlanEntity, { id: plan.id });
    });
  }

  /** Replaces the priorities a position addresses; they must be of plans for its network's area. */
  async declarePriorities(viewer: ActorRef, input: DeclarePositionPrioritiesInput): Promise<JointPositionEntity> {
    const position = await this.positions.getReadable(viewer, input.positionId);
    const network = await this.networks.getById(position.networkId);
    const ids = [...new Set(input.priorityIds)];
    // One declaration at a time per position: the set is replaced, not merged.
    return this.activity.transactionOn(draftOf(viewer, position.id), async ({ tx, record }) => {
      const found = ids.length
        ? await tx
            .createQueryBuilder(PlanPriorityEntity, 'p')
            .innerJoinAndSelect('p.plan', 'plan')
            .where('p.id = ANY(:ids)', { ids })
            .getMany()
        : [];
      input.priorityIds.forEach((id, i) => {
        if (found.find((p) => p.id === id)?.plan?.policeForceAreaId !== network.policeForceAreaId) {
          throw DomainError.invalidInput(
            `input.priorityIds.${i}`,
            "is not a priority of a plan for the network's area",
          );
        }
      });
      await tx.delete(PositionPriorityEntity, { positionId: position.id });
      if (ids.length > 0) {
        await tx.insert(
          PositionPriorityEntity,
          ids.map((priorityId) => ({ positionId: position.id, priorityId })),
        );
      }
      await record({
        verb: ActivityVerb.POSITION_PRIORITIES_DECLARED,
        visibility: ActivityVisibility.NETWORK,
        actorPersonId: viewer.personId ?? null,
        networkId: position.networkId,
        payload: { positionId: position.id, priorityIds: ids },
      });
      return position;
    });
  }

  async recordResult(viewer: ActorRef, input: RecordJusticeDataLabResultInput): Promise<JusticeDataLabResultEntity> {
    const organisation = await this.organisations.getById(input.organisationId).catch(() => {
      throw DomainError.unknown('input.organisationId', 'is not an organisation');
    });
    if (input.periodEnd < input.periodStart) {
      throw DomainError.invalidInput('input.periodEnd', 'must not be before periodStart');
    }
    return this.activity.transaction(async (tx, record) => {
      const saved = await tx.save(
        tx.create(JusticeDataLabResultEntity, {
          organisationId: organisation.id,
          intervention: input.intervention,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          treatmentGroupSize: input.treatmentGroupSize,
          comparisonGroupSize: input.comparisonGroupSize,
          treatmentReoffendingRate: input.treatmentReoffendingRate,
          comparisonReoffendingRate: input.comparisonReoffendingRate,
          statisticallySignificant: input.statisticallySignificant,
          reportUrl: input.reportUrl ?? null,
          recordedByPersonId: viewer.personId ?? null,
        }),
      );
      await record({
        verb: ActivityVerb.EVIDENCE_RECORDED,
        visibility: ActivityVisibility.PUBLIC,
        actorPersonId: viewer.personId ?? null,
        organisationId: organisation.id,
        payload: { resultId: saved.id, intervention: saved.intervention },
      });
      return tx.findOneByOrFail(JusticeDataLabResultEntity, { id: saved.id });
    });
  }

  /** Withdraws a citation (withdrawing one that is not there changes nothing). */
  async withdraw(viewer: ActorRef, input: WithdrawEvidenceInput): Promise<JointPositionEntity> {
    const position = await this.positions.getReadable(viewer, input.positionId);
    return this.activity.transaction(async (tx, record) => {
      const removed = await tx.delete(PositionEvidenceEntity, { positionId: position.id, resultId: input.resultId });
      if (!removed.affected) {
        record.unchanged();
        return position;
      }
      await record({
        verb: ActivityVerb.EVIDENCE_WITHDRAWN,
        visibility: ActivityVisibility.NETWORK,
        actorPersonId: viewer.personId ?? null,
        networkId: position.networkId,
        payload: { positionId: position.id, resultId: input.resultId },
      });
      return position;
    });
  }

  /** Cites a published result in a position (citing it again changes nothing). */
  async cite(viewer: ActorRef, input: CiteEvidenceInput): Promise<JointPositionEntity> {
    const position = await this.positions.getReadable(viewer, input.positionId);
    return this.activity.transaction(async (tx, record) => {
      if (!(await tx.existsBy(JusticeDataLabResultEntity, { id: input.resultId }))) {
        throw DomainError.unknown('input.resultId', 'is not a Justice Data Lab result');
      }
      const inserted = await tx.query<unknown[]>(
        `INSERT INTO position_evidence (position_id, result_id) VALUES ($1, $2)
         ON CONFLICT DO NOTHING RETURNING position_id`,
        [position.id, input.resultId],
      );
      if (inserted.length === 0) {
        record.unchanged();
        return position;
      }
      await record({
        verb: ActivityVerb.EVIDENCE_CITED,
        visibility: ActivityVisibility.NETWORK,
        actorPersonId: viewer.personId ?? null,
        networkId: position.networkId,
        payload: { positionId: position.id, resultId: input.resultId },
      });
      return position;
    });
  }
}

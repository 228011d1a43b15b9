import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import {
  JusticeDataLabResultEntity,
  PlanPriorityEntity,
  PoliceCrimePlanEntity,
  PositionEvidenceEntity,
} from '../plan.entities';
import type { PlanPriority } from './plan.model';

/** Plans, priorities and evidence as readers see them; all public. */
@Injectable()
export class PlanService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  plansOfAreas(areaIds: readonly string[]): Promise<PoliceCrimePlanEntity[]> {
    return this.db.manager.find(PoliceCrimePlanEntity, {
      where: { policeForceAreaId: In([...areaIds]) },
      order: { periodStart: 'DESC', createdAt: 'DESC' },
    });
  }

  prioritiesOf(planIds: readonly string[]): Promise<PlanPriorityEntity[]> {
    return this.db.manager.find(PlanPriorityEntity, { where: { planId: In([...planIds]) }, order: { ordinal: 'ASC' } });
  }

  /** The priorities each position declares it addresses, in plan order. */
  prioritiesOfPositions(positionIds: readonly string[]): Promise<(PlanPriority & { positionId: string })[]> {
    return this.db.query(
      `SELECT pp.position_id AS "positionId", p.id, p.plan_id AS "planId", p.ordinal, p.title, p.description
         FROM position_priority pp JOIN plan_priority p ON p.id = pp.priority_id
        WHERE pp.position_id = ANY($1) ORDER BY p.plan_id, p.ordinal`,
      [positionIds],
    );
  }

  resultsOfOrganisations(organisationIds: readonly string[]): Promise<JusticeDataLabResultEntity[]> {
    return this.db.manager.find(JusticeDataLabResultEntity, {
      where: { organisationId: In([...organisationIds]) },
      order: { periodEnd: 'DESC', createdAt: 'DESC' },
    });
  }

  async evidenceOfPositions(
    positionIds: readonly string[],
  ): Promise<(JusticeDataLabResultEntity & { positionId: string })[]> {
    const links = await this.db.manager.find(PositionEvidenceEntity, {
      where: { positionId: In([...positionIds]) },
      relations: { result: true },
      order: { citedAt: 'ASC' },
    });
    return links.flatMap((l) => (l.result ? [Object.assign(l.result, { positionId: l.positionId })] : []));
  }
}

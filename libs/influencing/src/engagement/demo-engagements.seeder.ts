import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { seedId } from '@app/common';
import { demoNetworkId } from '@app/networks';
import { demoOrganisationId } from '@app/organisations';
import {
  CommitmentEntity,
  CommitmentStatusChangeEntity,
  EngagementAskEntity,
  EngagementEntity,
} from '../engagement.entities';
import { CommitmentStatus, EngagementKind } from '../influencing.enums';
import { JusticeDataLabResultEntity, PlanPriorityEntity, PoliceCrimePlanEntity } from '../plan.entities';
import { policeForceAreaId } from '@app/geography';

const ZONE = 'Europe/London';
const id = (key: string): string => seedId('demo_influencing', key);

/**
 * An influencing story for the demo, dated relative to the seeding day: Gwent met its commissioner
 * last month (one commitment met, one overdue) and has a plan with priorities; Cleveland last
 * engaged eight months ago, so coverage shows it quiet; a Gwent group publishes a Justice Data Lab
 * result. Written directly (no activity), like the other demo seeders; everything says "(demo)".
 */
export async function seedDemoInfluencing(
  manager: EntityManager,
  now = DateTime.now().setZone(ZONE),
): Promise<{ engagements: number }> {
  const day = (days: number): string => now.plus({ days }).toISODate() ?? '';
  return manager.transaction(async (tx) => {
    await tx.insert(EngagementEntity, [
      {
        id: id('gwent-meeting'),
        networkId: demoNetworkId('gwent'),
        kind: EngagementKind.MEETING,
        occurredOn: day(-40),
        summary: 'Quarterly meeting with the commissioner on women in the justice system (demo).',
        officeParticipants: 'The commissioner and the head of commissioning (demo)',
        public: true,
      },
      {
        id: id('cleveland-letter'),
        networkId: demoNetworkId('cleveland'),
        kind: EngagementKind.LETTER,
        occurredOn: day(-240),
        summary: 'Letter to the commissioner on youth diversion (demo).',
        public: true,
      },
    ]);
    await tx.insert(EngagementAskEntity, [
      {
        id: id('gwent-ask-1'),
        engagementId: id('gwent-meeting'),
        ordinal: 1,
        text: 'Fund a women’s centre in Newport (demo)',
      },
      {
        id: id('gwent-ask-2'),
        engagementId: id('gwent-meeting'),
        ordinal: 2,
        text: 'Publish diversion figures quarterly (demo)',
      },
    ]);
    const commitments = [
      {
        key: 'gwent-review',
        ask: 'gwent-ask-1',
        text: 'Review women’s centre funding (demo)',
        due: day(-5),
        status: CommitmentStatus.OPEN,
      },
      {
        key: 'gwent-figures',
        ask: 'gwent-ask-2',
        text: 'Publish the first quarterly figures (demo)',
        due: day(-10),
        status: CommitmentStatus.MET,
      },
    ];
    await tx.insert(
      CommitmentEntity,
      commitments.map((c) => ({
        id: id(c.key),
        engagementId: id('gwent-meeting'),
        askId: id(c.ask),
        text: c.text,
        owner: 'Office of the commissioner (demo)',
        dueOn: c.due,
        status: c.status,
      })),
    );
    await tx.insert(CommitmentStatusChangeEntity, [
      ...commitments.map((c) => ({ commitmentId: id(c.key), fromStatus: null, toStatus: CommitmentStatus.OPEN })),
      {
        commitmentId: id('gwent-figures'),
        fromStatus: CommitmentStatus.OPEN,
        toStatus: CommitmentStatus.MET,
        note: 'Published (demo)',
      },
    ]);
    await tx.insert(PoliceCrimePlanEntity, {
      id: id('gwent-plan'),
      policeForceAreaId: policeForceAreaId('W15000002'),
      title: 'Police and crime plan for Gwent (demo)',
      periodStart: '2025-04-01',
      periodEnd: '2029-03-31',
      consultationOpens: day(-20),
      consultationCloses: day(25),
    });
    await tx.insert(
      PlanPriorityEntity,
      ['Keeping neighbourhoods safe (demo)', 'Supporting victims (demo)', 'Reducing reoffending (demo)'].map(
        (title, i) => ({
          id: id(`gwent-priority-${i + 1}`),
          planId: id('gwent-plan'),
          ordinal: i + 1,
          title,
        }),
      ),
    );
    await tx.insert(JusticeDataLabResultEntity, {
      id: id('gwent-jdl'),
      organisationId: demoOrganisationId('local:W15000002:0'),
      intervention: 'One-to-one mentoring on release (demo)',
      periodStart: '2019-01-01',
      periodEnd: '2020-12-31',
      treatmentGroupSize: 164,
      comparisonGroupSize: 10250,
      treatmentReoffendingRate: 27.4,
      comparisonReoffendingRate: 34.1,
      statisticallySignificant: true,
    });
    return { engagements: 2 };
  });
}

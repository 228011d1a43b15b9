import {
  CommitmentEntity,
  CommitmentStatusChangeEntity,
  EngagementAskEntity,
  EngagementEntity,
  EngagementParticipantEntity,
  EngagementPositionEntity,
} from './engagement.entities';
import {
  ElectionCandidateEntity,
  ElectionContestEntity,
  ElectionHustingsEntity,
  ElectionRoundEntity,
  OfficeHolderEntity,
} from './office.entities';
import {
  JusticeDataLabResultEntity,
  PlanPriorityEntity,
  PoliceCrimePlanEntity,
  PositionEvidenceEntity,
  PositionPriorityEntity,
} from './plan.entities';

export const influencingEntities = [
  OfficeHolderEntity,
  ElectionRoundEntity,
  ElectionContestEntity,
  ElectionCandidateEntity,
  ElectionHustingsEntity,
  PoliceCrimePlanEntity,
  PlanPriorityEntity,
  PositionPriorityEntity,
  JusticeDataLabResultEntity,
  PositionEvidenceEntity,
  EngagementEntity,
  EngagementParticipantEntity,
  EngagementAskEntity,
  EngagementPositionEntity,
  CommitmentEntity,
  CommitmentStatusChangeEntity,
];

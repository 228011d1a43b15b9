import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworksModule } from '@app/networks';
import { OrganisationsModule } from '@app/organisations';
import { DraftLock } from './draft-lock';
import { DraftingFlowsService } from './drafting-flows.service';
import { DraftingLiveResolver } from './drafting-live.resolver';
import { DraftingMutationResolver } from './drafting-mutation.resolver';
import { DraftingPolicyFacts } from './drafting-policy-facts';
import {
  JointPositionEntity,
  PositionCommentEntity,
  PositionRevisionEntity,
  PositionSectionEntity,
  PositionSuggestionEntity,
  SignOnEntity,
  SubmissionEntity,
} from './drafting.entities';
import { PositionExportController } from './export/position-export.controller';
import { PositionExportService } from './export/position-export.service';
import { PositionLoaderFactory } from './position.loader';
import { PositionResolver, PositionSectionResolver } from './position.resolver';
import { PositionService } from './position.service';
import { ReviewFlowsService } from './review-flows.service';
import { ReviewResolver } from './review.resolver';
import { PresenceResolver } from './presence.resolver';
import { PresenceService } from './presence.service';
import { SectionFlowsService } from './section-flows.service';

export const draftingEntities = [
  JointPositionEntity,
  PositionSectionEntity,
  PositionRevisionEntity,
  SignOnEntity,
  SubmissionEntity,
  PositionCommentEntity,
  PositionSuggestionEntity,
];
export const draftingResolvers = [
  PositionResolver,
  PositionSectionResolver,
  DraftingMutationResolver,
  DraftingLiveResolver,
  ReviewResolver,
  PresenceResolver,
];

/** Joint positions: co-drafting with merges, history, sign-on, submission and export. */
@Module({
  imports: [TypeOrmModule.forFeature(draftingEntities), NetworksModule, OrganisationsModule],
  controllers: [PositionExportController],
  providers: [
    PositionService,
    DraftLock,
    DraftingFlowsService,
    SectionFlowsService,
    ReviewFlowsService,
    PresenceService,
    PositionLoaderFactory,
    PositionExportService,
    DraftingPolicyFacts,
    ...draftingResolvers,
  ],
  exports: [PositionService, DraftingPolicyFacts],
})
export class DraftingModule {}

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type LoaderFactory } from '@app/common';
import type {
  PositionCommentEntity,
  PositionRevisionEntity,
  PositionSectionEntity,
  PositionSuggestionEntity,
  SignOnEntity,
  SubmissionEntity,
} from './drafting.entities';
import { PositionService } from './position.service';

export interface PositionLoaders {
  readonly sectionsByPositionId: DataLoader<string, PositionSectionEntity[]>;
  readonly signOnsByPositionId: DataLoader<string, SignOnEntity[]>;
  readonly writingsBySectionId: DataLoader<string, PositionRevisionEntity[]>;
  readonly commentsBySectionId: DataLoader<string, PositionCommentEntity[]>;
  readonly suggestionsBySectionId: DataLoader<string, PositionSuggestionEntity[]>;
  readonly submissionByPositionId: DataLoader<string, SubmissionEntity | null>;
}

@Injectable()
export class PositionLoaderFactory implements LoaderFactory<PositionLoaders> {
  constructor(private readonly positions: PositionService) {}

  createLoaders(): PositionLoaders {
    return {
      sectionsByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.sectionsOf(ids), (s) => s.positionId),
      ),
      signOnsByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.signOnsOf(ids), (s) => s.positionId),
      ),
      writingsBySectionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.writingsOf(ids), (r) => r.sectionId ?? ''),
      ),
      commentsBySectionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.commentsOf(ids), (c) => c.sectionId),
      ),
      submissionByPositionId: new DataLoader(async (ids) => {
        const found = await this.positions.submissionsOf(ids);
        return ids.map((id) => found.find((s) => s.positionId === id) ?? null);
      }),
      suggestionsBySectionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.suggestionsOf(ids), (c) => c.sectionId),
      ),
    };
  }
}

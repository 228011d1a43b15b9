import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type KeptWork, type LoaderFactory, type RequestContext } from '@app/common';
import type { DraftAccess } from './draft-access';
import type {
  JointPositionEntity,
  PositionCommentEntity,
  PositionRevisionEntity,
  PositionSectionEntity,
  PositionSuggestionEntity,
  SignOnEntity,
  SubmissionEntity,
} from './drafting.entities';
import { type AttributedParagraph, attribute, type DiffPart, HistoryBudget } from './history';
import { PositionService } from './position.service';

export interface PositionLoaders {
  readonly sectionsByPositionId: DataLoader<string, PositionSectionEntity[]>;
  readonly signOnsByPositionId: DataLoader<string, SignOnEntity[]>;
  readonly writingsBySectionId: DataLoader<string, PositionRevisionEntity[]>;
  readonly commentsBySectionId: DataLoader<string, PositionCommentEntity[]>;
  readonly suggestionsBySectionId: DataLoader<string, PositionSuggestionEntity[]>;
  readonly submissionByPositionId: DataLoader<string, SubmissionEntity | null>;
  /** Each section's attribution, worked out once however many aliases ask for it. */
  readonly attributionBySectionId: DataLoader<string, AttributedParagraph[]>;
  /** Diffs asked for (by position and revisions), each worked out once. */
  readonly diffs: Map<string, Promise<DiffPart[]>>;
  /** The time this request's diffs and attributions have left together. */
  readonly history: HistoryBudget;
  /**
   * Whether the caller may read the deliberation of this draft, or the draft with this id
   * (`DraftAccess.canReadDeliberation`): the caller as of now (a subscription's items run long after it opened).
   */
  deliberationReadable(
    caller: Pick<RequestContext, 'currentActor'>,
    position: Pick<JointPositionEntity, 'networkId'> | string,
  ): Promise<boolean>;
  /** What `loader` holds for the section, where the caller may read its draft's deliberation; else null. */
  sectionDeliberation<T>(
    caller: Pick<RequestContext, 'currentActor'>,
    section: Pick<PositionSectionEntity, 'id' | 'positionId'>,
    loader: DataLoader<string, T>,
  ): Promise<T | null>;
  /** Drafts the request read already (its root query), and the caller's access it read them with: not read again. */
  known(access: DraftAccess, positions: readonly JointPositionEntity[]): void;
}

@Injectable()
export class PositionLoaderFactory implements LoaderFactory<PositionLoaders> {
  constructor(private readonly positions: PositionService) {}

  createLoaders(kept: KeptWork): PositionLoaders {
    // Kept across a re-run and a subscription's items: a fresh budget each would multiply it.
    const history = kept.get(HistoryBudget, () => new HistoryBudget());
    const writingsBySectionId = new DataLoader<string, PositionRevisionEntity[]>(async (ids) =>
      groupBy(ids, await this.positions.writingsOf(ids), (r) => r.sectionId ?? ''),
    );
    const positionById = new DataLoader<string, JointPositionEntity | null>(async (ids) => {
      const found = await this.positions.findByIds(ids);
      return ids.map((id) => found.find((p) => p.id === id) ?? null);
    });
    let access: Promise<DraftAccess | null> | undefined;
    const deliberationReadable: PositionLoaders['deliberationReadable'] = async (caller, position) => {
      // Credentials that ended since the request began read nothing more of it.
      access ??= caller.currentActor().then(
        (actor) => this.positions.accessOf(actor),
        () => null,
      );
      const [of, found] = await Promise.all([
        access,
        typeof position === 'string' ? positionById.load(position) : position,
      ]);
      return of !== null && found !== null && of.canReadDeliberation(found);
    };
    return {
      known: (given, positions) => {
        access = Promise.resolve(given);
        for (const position of positions) {
          positionById.prime(position.id, position);
        }
      },
      deliberationReadable,
      sectionDeliberation: async (caller, section, loader) =>
        (await deliberationReadable(caller, section.positionId)) ? loader.load(section.id) : null,
      sectionsByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.sectionsOf(ids), (s) => s.positionId),
      ),
      signOnsByPositionId: new DataLoader(async (ids) =>
        groupBy(ids, await this.positions.signOnsOf(ids), (s) => s.positionId),
      ),
      writingsBySectionId,
      attributionBySectionId: new DataLoader(async (ids) =>
        (await writingsBySectionId.loadMany(ids)).map((writings) =>
          writings instanceof Error
            ? writings
            : attribute(
                writings.map((r) => ({ body: r.body ?? '', organisationId: r.authorOrganisationId })),
                history,
              ),
        ),
      ),
      diffs: new Map(),
      history,
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

import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { groupBy, type LoaderFactory } from '@app/common';
import type { PollAnswerEntity, PollSlotEntity } from './poll.entities';
import { PollService, type SlotTally } from './poll.service';

export interface PollLoaders {
  readonly slotsByPollId: DataLoader<string, PollSlotEntity[]>;
  readonly tallyByPollId: DataLoader<string, SlotTally[]>;
  readonly answersByPollId: DataLoader<string, PollAnswerEntity[]>;
}

@Injectable()
export class PollLoaderFactory implements LoaderFactory<PollLoaders> {
  constructor(private readonly polls: PollService) {}

  createLoaders(): PollLoaders {
    return {
      slotsByPollId: new DataLoader(async (ids) => groupBy(ids, await this.polls.slotsOf(ids), (s) => s.pollId)),
      tallyByPollId: new DataLoader((ids) => this.polls.talliesOf(ids)),
      answersByPollId: new DataLoader(async (ids) => groupBy(ids, await this.polls.answersOf(ids), (a) => a.pollId)),
    };
  }
}

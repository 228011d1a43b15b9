import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '@app/common';
import { EventEntity } from '@app/events';
import { PoliceForceAreaEntity } from '@app/geography';
import {
  ElectionCandidateEntity,
  ElectionContestEntity,
  ElectionHustingsEntity,
  ElectionRoundEntity,
} from '../office.entities';
import type { ElectionRoundsArgs } from './dto/election.args';

/** Reading election rounds, contests, candidates and hustings, in batches for the loaders. */
@Injectable()
export class ElectionService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Rounds by polling day (then kind, ordinary before by-elections); bounds are inclusive. */
  list({ kind, from, to }: ElectionRoundsArgs): Promise<ElectionRoundEntity[]> {
    if (from && to && to < from) {
      throw DomainError.invalidInput('to', 'must not be before `from`');
    }
    const query = this.db.getRepository(ElectionRoundEntity).createQueryBuilder('round');
    if (kind) {
      query.andWhere('round.kind = :kind', { kind });
    }
    if (from) {
      query.andWhere('round.polling_day >= :from', { from });
    }
    if (to) {
      query.andWhere('round.polling_day <= :to', { to });
    }
    return query.orderBy('round.polling_day').addOrderBy('round.kind').addOrderBy('round.by_election').getMany();
  }

  async getById(id: string): Promise<ElectionRoundEntity> {
    const round = await this.db.getRepository(ElectionRoundEntity).findOneBy({ id });
    if (!round) {
      throw DomainError.notFound('Election round', id);
    }
    return round;
  }

  roundsByIds(ids: readonly string[]): Promise<ElectionRoundEntity[]> {
    return this.db
      .getRepository(ElectionRoundEntity)
      .createQueryBuilder('round')
      .where('round.id = ANY(:ids)', { ids })
      .getMany();
  }

  /** Each round's contests, by the area's display name. */
  contestsOfRounds(roundIds: readonly string[]): Promise<ElectionContestEntity[]> {
    return this.db
      .getRepository(ElectionContestEntity)
      .createQueryBuilder('contest')
      .innerJoin(PoliceForceAreaEntity, 'area', 'area.id = contest.police_force_area_id')
      .where('contest.round_id = ANY(:roundIds)', { roundIds })
      .orderBy('area.display_name')
      .getMany();
  }

  /** Each area's contests, by polling day. */
  contestsOfAreas(areaIds: readonly string[]): Promise<ElectionContestEntity[]> {
    return this.db
      .getRepository(ElectionContestEntity)
      .createQueryBuilder('contest')
      .innerJoin(ElectionRoundEntity, 'round', 'round.id = contest.round_id')
      .where('contest.police_force_area_id = ANY(:areaIds)', { areaIds })
      .orderBy('round.polling_day')
      .addOrderBy('round.kind')
      .getMany();
  }

  /** Each contest's candidates, by name (as on a ballot paper). */
  candidatesOf(contestIds: readonly string[]): Promise<ElectionCandidateEntity[]> {
    return this.db
      .getRepository(ElectionCandidateEntity)
      .createQueryBuilder('candidate')
      .where('candidate.contest_id = ANY(:contestIds)', { contestIds })
      .orderBy('candidate.name')
      .addOrderBy('candidate.id')
      .getMany();
  }

  /** Each round's hustings links, by the event's start. */
  hustingsOf(roundIds: readonly string[]): Promise<ElectionHustingsEntity[]> {
    return this.db
      .getRepository(ElectionHustingsEntity)
      .createQueryBuilder('hustings')
      .innerJoin(EventEntity, 'event', 'event.id = hustings.event_id')
      .where('hustings.round_id = ANY(:roundIds)', { roundIds })
      .orderBy('event.starts_at')
      .getMany();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, In, Repository } from 'typeorm';
import { type ActorRef, DomainError } from '@app/common';
import { EventService } from '../event.service';
import { PollAnswerEntity, PollSlotEntity, SchedulingPollEntity } from './poll.entities';
import { PollStatus } from './poll.enums';

export interface SlotTally {
  readonly slotId: string;
  readonly yes: number;
  readonly ifNeedBe: number;
  readonly no: number;
}

/** Scheduling polls as their readers see them: visibility, slots, answers and tallies (writes: `PollFlowsService`). */
@Injectable()
export class PollService {
  constructor(
    @InjectRepository(SchedulingPollEntity) private readonly polls: Repository<SchedulingPollEntity>,
    @InjectRepository(PollSlotEntity) private readonly slots: Repository<PollSlotEntity>,
    @InjectRepository(PollAnswerEntity) private readonly answers: Repository<PollAnswerEntity>,
    private readonly events: EventService,
  ) {}

  /** A poll the viewer may see (members of its network, platform admins); NOT_FOUND otherwise. */
  async getVisible(viewer: ActorRef, id: string): Promise<SchedulingPollEntity> {
    const access = await this.events.accessOf(viewer);
    const poll = await this.polls.findOneBy({ id });
    if (!poll || !(access.platformAdmin || access.networkIds.has(poll.networkId))) {
      throw DomainError.notFound('Scheduling poll', id);
    }
    return poll;
  }

  async listVisible(viewer: ActorRef, networkId: string): Promise<SchedulingPollEntity[]> {
    const access = await this.events.accessOf(viewer);
    if (!(access.platformAdmin || access.networkIds.has(networkId))) {
      return [];
    }
    return this.polls.find({ where: { networkId }, order: { createdAt: 'DESC' } });
  }

  /** Polls by id, whoever asks (for other contexts deciding who may be told; they check visibility). */
  findByIds(ids: readonly string[]): Promise<SchedulingPollEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.polls.findBy({ id: In([...ids]) });
  }

  /**
   * Open polls whose deadline falls between the two instants, latest first (those just come
   * into a notice window lead), one page of at most `take` (500 at most) from `skip`.
   */
  openWithDeadlineBetween(
    from: Date,
    to: Date,
    page: { skip: number; take: number } = { skip: 0, take: 500 },
  ): Promise<SchedulingPollEntity[]> {
    return this.polls.find({
      where: { status: PollStatus.OPEN, deadline: Between(from, to) },
      order: { deadline: 'DESC', id: 'DESC' },
      skip: Math.max(0, Math.floor(page.skip)),
      take: Math.min(500, Math.max(1, Math.floor(page.take))),
    });
  }

  slotsOf(pollIds: readonly string[]): Promise<PollSlotEntity[]> {
    return this.slots
      .createQueryBuilder('s')
      .where('s.poll_id = ANY(:pollIds)', { pollIds })
      .orderBy('s.starts_at')
      .addOrderBy('s.id')
      .getMany();
  }

  /** Answers to these polls' slots, with the poll each belongs to, oldest first. */
  async answersOf(pollIds: readonly string[]): Promise<(PollAnswerEntity & { pollId: string })[]> {
    const [slots, answers] = await Promise.all([
      this.slotsOf(pollIds),
      this.answers
        .createQueryBuilder('a')
        .innerJoin(PollSlotEntity, 's', 's.id = a.slot_id')
        .where('s.poll_id = ANY(:pollIds)', { pollIds })
        .orderBy('a.answered_at')
        .addOrderBy('a.id')
        .getMany(),
    ]);
    const pollOf = new Map(slots.map((s) => [s.id, s.pollId]));
    return answers.map((a) => Object.assign(a, { pollId: pollOf.get(a.slotId) ?? '' }));
  }

  /** Answers per slot of each poll asked, in slot order; one statement. */
  async talliesOf(pollIds: readonly string[]): Promise<SlotTally[][]> {
    const rows = await this.slots.query<
      { poll_id: string; slot_id: string; yes: number; if_need_be: number; no: number }[]
    >(
      `SELECT s.poll_id, s.id AS slot_id,
              count(*) FILTER (WHERE a.answer = 'YES')::int AS yes,
              count(*) FILTER (WHERE a.answer = 'IF_NEED_BE')::int AS if_need_be,
              count(*) FILTER (WHERE a.answer = 'NO')::int AS no
         FROM scheduling_poll_slot s
         LEFT JOIN scheduling_poll_answer a ON a.slot_id = s.id
        WHERE s.poll_id = ANY($1)
        GROUP BY s.poll_id, s.id, s.starts_at
        ORDER BY s.starts_at, s.id`,
      [pollIds],
    );
    return pollIds.map((id) =>
      rows
        .filter((r) => r.poll_id === id)
        .map((r) => ({ slotId: r.slot_id, yes: r.yes, ifNeedBe: r.if_need_be, no: r.no })),
    );
  }

  async tally(pollId: string): Promise<SlotTally[]> {
    return (await this.talliesOf([pollId]))[0] ?? [];
  }
}

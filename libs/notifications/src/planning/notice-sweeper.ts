import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ActivityVisibility } from '@app/activity';
import { asBackgroundWork } from '@app/common';
import { PollService, type SchedulingPollEntity } from '@app/events';
import { type CommitmentEntity, EngagementService } from '@app/influencing';
import { NetworkService } from '@app/networks';
import { TemplateName } from '../mail/templates';
import { NotificationCategory } from '../notification.enums';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';
import { NotificationPlanner } from './notification-planner';
import { commitmentNotice, commitmentWindow, pollDeadlineNotice } from './notices';

/** Polls or commitments read per page. */
const SWEEP_PAGE = 500;
/** Pages read per sweep, at most: a longer list is read on over the next sweeps. */
const SWEEP_PAGES = 20;

type Page = { skip: number; take: number };

/**
 * Notices that no change records, because time alone brings them: a poll's deadline coming up
 * (to the organisations that may answer and have not), and commitments due within 7 days or
 * overdue (Europe/London days). Each instance sweeps every `sweepSeconds`; a notice's subject
 * names what it is about (the poll and its deadline; the commitment, due or overdue, and its due
 * date), so planning it again on any instance, or on the next sweep, sends nothing twice.
 * Polls and commitments are read latest first (those just come into a window come first), page
 * by page to the end, so however many were noticed already, they never hide a new one.
 */
@Injectable()
export class NoticeSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private failed = false;
  /** Where the next sweep goes on reading, past its first page, when the last one stopped short of the end. */
  private readonly resumeAt = { polls: 0, commitments: 0 };

  constructor(
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
    private readonly planner: NotificationPlanner,
    private readonly polls: PollService,
    private readonly engagements: EngagementService,
    private readonly networks: NetworkService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.wake(), this.options.sweepSeconds * 1000);
    this.timer.unref();
    this.wake();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.sweeping;
  }

  /** Sweeps now unless a sweep is running (the next tick will catch whatever it missed). */
  wake(): void {
    if (this.sweeping) {
      return;
    }
    this.sweeping = asBackgroundWork(() => this.sweep())
      .then(
        () => {
          this.failed = false;
        },
        (error: unknown) => {
          if (!this.failed) {
            this.log.warn({ err: error }, 'Planning deadline and due-date notices failed; retrying on the next sweep');
          }
          this.failed = true;
        },
      )
      .then(() => {
        this.sweeping = null;
      });
  }

  /** One sweep; returns how many notices were planned. `pageSize`: rows read at once (tests make it small). */
  async sweep(now = new Date(), rowsPerPage = SWEEP_PAGE): Promise<number> {
    const pageSize = Math.min(SWEEP_PAGE, Math.max(1, Math.floor(rowsPerPage)));
    return (await this.pollDeadlines(now, pageSize)) + (await this.commitments(now, pageSize));
  }

  /**
   * Reads a list page by page and hands each page on: the first page always (the newest rows),
   * then from where the last sweep stopped, to the end or for at most SWEEP_PAGES pages (the next
   * sweep goes on from there, and starts over once a sweep reached the end).
   */
  private async paged<T>(
    list: keyof NoticeSweeper['resumeAt'],
    pageSize: number,
    read: (page: Page) => Promise<T[]>,
    handle: (rows: T[]) => Promise<number>,
  ): Promise<number> {
    let planned = 0;
    let skip = 0;
    for (let pages = 0; pages < SWEEP_PAGES; pages++) {
      const rows = await read({ skip, take: pageSize });
      planned += await handle(rows);
      if (rows.length < pageSize) {
        this.resumeAt[list] = 0;
        return planned;
      }
      skip = pages === 0 ? Math.max(this.resumeAt[list], pageSize) : skip + pageSize;
    }
    this.resumeAt[list] = skip;
    return planned;
  }

  /**
   * Open polls whose deadline falls within the lead: the people of the member organisations that
   * have not answered. A poll opened with less than the lead to go gets none (the email saying it
   * opened gave the deadline a moment before).
   */
  private pollDeadlines(now: Date, pageSize: number): Promise<number> {
    const lead = this.options.pollDeadlineNoticeSeconds * 1000;
    return this.paged(
      'polls',
      pageSize,
      (page) => this.polls.openWithDeadlineBetween(now, new Date(now.getTime() + lead), page),
      (page) =>
        this.pollDeadlinesOf(page.filter((p) => p.deadline && p.deadline.getTime() - p.createdAt.getTime() > lead)),
    );
  }

  private async pollDeadlinesOf(polls: SchedulingPollEntity[]): Promise<number> {
    if (polls.length === 0) {
      return 0;
    }
    const subjects = new Map(polls.map((p) => [p.id, `poll-deadline:${p.id}:${p.deadline?.toISOString() ?? ''}`]));
    const done = await this.planner.plannedSubjects([...subjects.values()]);
    const names = await this.networkNames(polls.map((p) => p.networkId));
    const audiences = this.planner.audiencesOf;
    let planned = 0;
    for (const poll of polls) {
      const subject = subjects.get(poll.id) ?? '';
      if (done.has(subject) || !poll.deadline) {
        continue;
      }
      const answered = await audiences.organisationsThatAnswered(poll.id);
      planned += await this.planner.planNotices(
        await audiences.pollAnswerers(poll.networkId, answered),
        NotificationCategory.POLLS,
        { visibility: ActivityVisibility.NETWORK, organisationId: null, networkId: poll.networkId },
        {
          subject,
          template: TemplateName.POLL_DEADLINE,
          data: pollDeadlineNotice(poll, names.get(poll.networkId) ?? 'Your network'),
        },
      );
    }
    return planned;
  }

  /**
   * Open commitments due from today to 7 days ahead, and overdue ones: the admins of the network's
   * convenors and of the organisations that took part in the engagement, if they may read it.
   */
  private commitments(now: Date, pageSize: number): Promise<number> {
    const { lastDay, kindOf, subjectOf } = commitmentWindow(now);
    return this.paged(
      'commitments',
      pageSize,
      (page) => this.engagements.openDueBy(lastDay, page),
      (page) => this.commitmentsOf(page, kindOf, subjectOf),
    );
  }

  private async commitmentsOf(
    commitments: CommitmentEntity[],
    kindOf: (dueOn: string) => 'due' | 'overdue',
    subjectOf: (commitment: CommitmentEntity) => string,
  ): Promise<number> {
    const subjects = new Map(commitments.map((c) => [c.id, subjectOf(c)]));
    const done = await this.planner.plannedSubjects([...subjects.values()]);
    const waiting = commitments.filter((c) => !done.has(subjects.get(c.id) ?? ''));
    if (waiting.length === 0) {
      return 0;
    }
    const engagementIds = [...new Set(waiting.map((c) => c.engagementId))];
    const [engagements, participants] = await Promise.all([
      this.engagements.engagementsByIds(engagementIds),
      this.engagements.participantsOf(engagementIds),
    ]);
    const engagementOf = new Map(engagements.map((e) => [e.id, e]));
    const names = await this.networkNames(engagements.map((e) => e.networkId));
    const convenors = new Map<string, string[]>();
    const audiences = this.planner.audiencesOf;
    let planned = 0;
    for (const commitment of waiting) {
      const engagement = engagementOf.get(commitment.engagementId);
      if (!engagement) {
        continue;
      }
      let theirs = convenors.get(engagement.networkId);
      if (!theirs) {
        theirs = await this.networks.convenorsOf(engagement.networkId);
        convenors.set(engagement.networkId, theirs);
      }
      const tookPart = participants.filter((p) => p.engagementId === engagement.id).map((p) => p.organisationId);
      planned += await this.planner.planNotices(
        await audiences.organisationAdmins([...new Set([...theirs, ...tookPart])]),
        NotificationCategory.COMMITMENTS,
        {
          visibility: engagement.public ? ActivityVisibility.PUBLIC : ActivityVisibility.NETWORK,
          organisationId: null,
          networkId: engagement.networkId,
        },
        {
          subject: subjects.get(commitment.id) ?? '',
          template: TemplateName.COMMITMENT_DUE,
          data: commitmentNotice(
            commitment,
            engagement,
            names.get(engagement.networkId) ?? 'your network',
            kindOf(commitment.dueOn) === 'overdue',
          ),
        },
      );
    }
    return planned;
  }

  private async networkNames(ids: readonly string[]): Promise<Map<string, string>> {
    const networks = ids.length === 0 ? [] : await this.networks.findByIds([...new Set(ids)]);
    return new Map(networks.map((n) => [n.id, n.name]));
  }
}

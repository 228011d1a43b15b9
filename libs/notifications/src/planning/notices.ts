import { DateTime } from 'luxon';
import { todayIn, UK_TIME_ZONE } from '@app/common';
import type { SchedulingPollEntity } from '@app/events';
import type { CommitmentEntity, EngagementEntity } from '@app/influencing';
import { deadlineWords } from './plan-rules';

/** Words quoted from what people wrote: enough to recognise it, never a whole document by email. */
export const quote = (value: string): string => (value.length > 600 ? `${value.slice(0, 600)}…` : value);

/** What the deadline email of a poll shows (its headline is what a digest lists). */
export function pollDeadlineNotice(
  poll: Pick<SchedulingPollEntity, 'id' | 'title' | 'networkId' | 'deadline' | 'timeZone'>,
  network: string,
): Record<string, unknown> {
  const deadline = poll.deadline ? deadlineWords(poll.deadline, poll.timeZone) : '';
  return {
    pollId: poll.id,
    poll: poll.title,
    network,
    networkId: poll.networkId,
    deadline,
    headline: `Answers close ${deadline}: ${poll.title}`.slice(0, 200),
  };
}

/** What the email about a commitment due or overdue shows; the due date as a London day. */
export function commitmentNotice(
  commitment: Pick<CommitmentEntity, 'id' | 'text' | 'owner' | 'dueOn'>,
  engagement: Pick<EngagementEntity, 'id' | 'networkId'>,
  network: string,
  overdue: boolean,
): Record<string, unknown> {
  const dueOn = DateTime.fromISO(commitment.dueOn, { zone: UK_TIME_ZONE }).toFormat('cccc d LLLL yyyy');
  return {
    commitmentId: commitment.id,
    engagementId: engagement.id,
    networkId: engagement.networkId,
    network,
    owner: commitment.owner,
    text: quote(commitment.text),
    dueOn,
    overdue,
    headline: `${overdue ? 'Overdue' : `Due ${dueOn}`}: a commitment to ${network}`.slice(0, 200),
  };
}

/** Which commitments a sweep at `now` is about: due from today to 7 days ahead, or overdue (Europe/London days). */
export function commitmentWindow(now: Date): {
  readonly lastDay: string;
  readonly kindOf: (dueOn: string) => 'due' | 'overdue';
  readonly subjectOf: (commitment: Pick<CommitmentEntity, 'id' | 'dueOn'>) => string;
} {
  const today = todayIn(UK_TIME_ZONE, now);
  const kindOf = (dueOn: string): 'due' | 'overdue' => (dueOn < today ? 'overdue' : 'due');
  return {
    lastDay: DateTime.fromISO(today).plus({ days: 7 }).toISODate() ?? today,
    kindOf,
    // Once per commitment, kind and due date: a sweep, another instance or tomorrow plans nothing new.
    subjectOf: (c) => `commitment-${kindOf(c.dueOn)}:${c.id}:${c.dueOn}`,
  };
}

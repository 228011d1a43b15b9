import type { ActivityEventEntity } from '@app/activity';
import { DateTime } from 'luxon';
import { NotificationCategory } from '../notification.enums';
import { TemplateName } from '../mail/templates';
import { quote } from './notices';
import type { Addressee, Audiences } from './audiences';

/** Verbs recorded by contexts built alongside this one (webhooks), matched by name until they exist here. */
export const WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED';

/** What one item means for its audience: a category, a template and who to tell. */
export interface PlannedMessage {
  readonly category: NotificationCategory;
  readonly template: TemplateName;
  readonly data: Record<string, unknown>;
  readonly to: readonly Addressee[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
/** How a deadline reads in an email: in the poll's time zone, in British English (GMT or BST). */
export const deadlineWords = (deadline: Date, timeZone: string): string =>
  DateTime.fromJSDate(deadline, { zone: timeZone }).setLocale('en-GB').toFormat("cccc d LLLL 'at' HH:mm ZZZZ");

/**
 * The rules, verb by verb. Items not named here go to the people of the network or
 * organisation they concern as NETWORK_ACTIVITY (by default gathered in the daily digest).
 * Invitations to an organisation are planned apart (their addressee may have no account).
 */
export async function messagesFor(item: ActivityEventEntity, audiences: Audiences): Promise<PlannedMessage[]> {
  const payload = item.payload;
  const verb: string = item.verb;
  const base = {
    verb,
    networkId: item.networkId,
    headline: headlineOf(item),
    network: text(payload.network),
    organisation: text(payload.organisation),
  };
  switch (verb) {
    case 'NETWORK_MEMBER_INVITED':
      return [
        {
          category: NotificationCategory.NETWORK_MEMBERSHIP,
          template: TemplateName.NETWORK_MEMBERSHIP,
          data: { ...base, detail: 'Your organisation is invited to join; its admins may accept or decline.' },
          to: await audiences.organisationAdmins(item.organisationId ? [item.organisationId] : []),
        },
      ];
    case 'NETWORK_JOIN_REQUESTED':
      return item.networkId
        ? [
            {
              category: NotificationCategory.NETWORK_MEMBERSHIP,
              template: TemplateName.NETWORK_MEMBERSHIP,
              data: { ...base, detail: 'As a convenor you may accept or decline the request.' },
              to: await audiences.convenorAdmins(item.networkId),
            },
          ]
        : [];
    case 'NETWORK_MEMBER_JOINED':
    case 'NETWORK_INVITATION_DECLINED':
    case 'NETWORK_REQUEST_DECLINED': {
      const organisationAdmins = await audiences.organisationAdmins(item.organisationId ? [item.organisationId] : []);
      const convenors = item.networkId ? await audiences.convenorAdmins(item.networkId) : [];
      return [
        {
          category: NotificationCategory.NETWORK_MEMBERSHIP,
          template: TemplateName.NETWORK_MEMBERSHIP,
          data: { ...base, detail: 'The answer is recorded in the network.' },
          to: [...organisationAdmins, ...convenors],
        },
      ];
    }
    case 'EVENT_REMINDER_DUE':
      return item.eventId && typeof payload.occurrence === 'string'
        ? [
            {
              category: NotificationCategory.EVENT_REMINDER,
              template: TemplateName.EVENT_REMINDER,
              data: { ...base, eventId: item.eventId, occurrence: payload.occurrence, method: 'REQUEST' },
              to: await audiences.reminded(item.eventId, payload.occurrence),
            },
          ]
        : [];
    case 'EVENT_RESCHEDULED':
    case 'EVENT_OCCURRENCE_CHANGED':
    case 'EVENT_STATUS_CHANGED': {
      if (!item.eventId) {
        return [];
      }
      const cancelled = payload.to === 'CANCELLED' || payload.cancelled === true;
      if (verb === 'EVENT_STATUS_CHANGED' && !cancelled && payload.to !== 'POSTPONED') {
        return []; // completed, or scheduled again: nothing to act on
      }
      return [
        {
          category: NotificationCategory.EVENT_CHANGE,
          template:
            cancelled && verb === 'EVENT_STATUS_CHANGED' ? TemplateName.EVENT_CANCELLED : TemplateName.EVENT_CHANGED,
          data: {
            ...base,
            eventId: item.eventId,
            method: cancelled && verb === 'EVENT_STATUS_CHANGED' ? 'CANCEL' : 'REQUEST',
          },
          to: await audiences.answered(item.eventId),
        },
      ];
    }
    case 'POSITION_STATUS_CHANGED':
      return payload.to === 'AGREED' && item.networkId
        ? [
            {
              category: NotificationCategory.DRAFTING,
              template: TemplateName.POSITION_SIGN_ON,
              data: {
                ...base,
                title: text(payload.title) || text(payload.position) || 'A joint position',
                positionId: payload.positionId ?? null,
              },
              to: await audiences.memberAdmins(item.networkId),
            },
          ]
        : [];
    case 'POSITION_SUBMITTED':
    case 'POSITION_RESPONSE_RECORDED':
      return item.networkId
        ? [
            {
              category: NotificationCategory.DRAFTING,
              template: TemplateName.ACTIVITY,
              data: base,
              to: await audiences.inNetworkOrOrganisation(item.networkId, null),
            },
          ]
        : [];
    case WEBHOOK_ENDPOINT_DISABLED:
      return [
        {
          category: NotificationCategory.ORGANISATION_ADMIN,
          template: TemplateName.WEBHOOK_DISABLED,
          data: {
            ...base,
            url: text(payload.url),
            organisationName: text(payload.organisation) || 'your organisation',
          },
          to: await audiences.organisationAdmins(item.organisationId ? [item.organisationId] : []),
        },
      ];
    case 'EVENT_WAITLIST_PROMOTED':
      // The person who got the place (recorded by name for this); the item is not news to anyone else.
      return item.eventId && typeof payload.promotedPersonId === 'string'
        ? [
            {
              category: NotificationCategory.EVENT_CHANGE,
              template: TemplateName.WAITLIST_PROMOTED,
              data: {
                ...base,
                eventId: item.eventId,
                occurrence: payload.occurrence ?? null,
                method: 'REQUEST',
                title: text(payload.event), // for the list of what was sent; the email reads the event as it is then
              },
              to: await audiences.people([payload.promotedPersonId]),
            },
          ]
        : [];
    case 'POLL_CREATED': {
      const pollId = text(payload.pollId);
      const [poll] = pollId && item.networkId ? await audiences.pollsByIds([pollId]) : [];
      if (!poll || !item.networkId) {
        return networkActivity(item, base, audiences);
      }
      const slots = Number(payload.slots) || 0;
      return [
        {
          category: NotificationCategory.POLLS,
          template: TemplateName.POLL_OPENED,
          data: {
            ...base,
            pollId,
            poll: poll.title,
            network: (await audiences.networkName(item.networkId)) || 'Your network',
            slots,
            oneSlot: slots === 1,
            deadline: poll.deadline ? deadlineWords(poll.deadline, poll.timeZone) : null,
          },
          to: await audiences.pollAnswerers(item.networkId),
        },
        ...(await networkActivity(item, base, audiences)),
      ];
    }
    case 'POLL_CONFIRMED': {
      const pollId = text(payload.pollId);
      const eventId = text(payload.eventId);
      if (!pollId || !eventId) {
        return networkActivity(item, base, audiences);
      }
      const [poll] = await audiences.pollsByIds([pollId]);
      const startsAt = typeof payload.startsAt === 'string' ? DateTime.fromISO(payload.startsAt) : null;
      return [
        {
          category: NotificationCategory.POLLS,
          template: TemplateName.POLL_CONFIRMED,
          data: {
            ...base,
            pollId,
            eventId,
            method: 'REQUEST',
            // For the list of what was sent; the email reads the event as it is when it goes.
            title: text(payload.poll),
            when:
              startsAt?.isValid && poll
                ? startsAt.setZone(poll.timeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm ZZZZ")
                : null,
          },
          to: await audiences.pollParticipants(pollId),
        },
        ...(await networkActivity(item, base, audiences)),
      ];
    }
    case 'POSITION_COMMENTED': {
      const reply =
        typeof payload.commentId === 'string' ? await audiences.positions.commentById(payload.commentId) : null;
      const parent = reply?.parentId ? await audiences.positions.commentById(reply.parentId) : null;
      const feedback: PlannedMessage[] =
        reply && parent
          ? [
              {
                category: NotificationCategory.DRAFT_FEEDBACK,
                template: TemplateName.DRAFT_REPLY,
                data: {
                  ...base,
                  positionId: reply.positionId,
                  title: text(payload.position) || 'a joint position',
                  reply: quote(reply.body),
                },
                to: await audiences.people([parent.authorPersonId]),
              },
            ]
          : [];
      return [...feedback, ...(await networkActivity(item, base, audiences))];
    }
    case 'POSITION_SUGGESTION_ACCEPTED':
    case 'POSITION_SUGGESTION_REJECTED': {
      const suggestion =
        typeof payload.suggestionId === 'string'
          ? await audiences.positions.suggestionById(payload.suggestionId)
          : null;
      const feedback: PlannedMessage[] = suggestion
        ? [
            {
              category: NotificationCategory.DRAFT_FEEDBACK,
              template: TemplateName.SUGGESTION_DECIDED,
              data: {
                ...base,
                positionId: suggestion.positionId,
                title: text(payload.position) || 'a joint position',
                decision: verb === 'POSITION_SUGGESTION_ACCEPTED' ? 'accepted' : 'rejected',
                original: quote(suggestion.original),
                replacement: quote(suggestion.replacement),
              },
              to: await audiences.people([suggestion.authorPersonId]),
            },
          ]
        : [];
      return [...feedback, ...(await networkActivity(item, base, audiences))];
    }
    case 'PERSON_INVITED':
    case 'EVENT_RSVP_CHANGED':
    case 'POLL_ANSWERED':
      return []; // planned apart (invitations), or one's own doing (answers)
    default:
      return networkActivity(item, base, audiences);
  }
}

/**
 * The people of the network or organisation an item concerns, as NETWORK_ACTIVITY (by default in
 * the daily digest). Someone already told of the item in another category keeps that message
 * (one message per person and item).
 */
async function networkActivity(
  item: ActivityEventEntity,
  base: Record<string, unknown>,
  audiences: Audiences,
): Promise<PlannedMessage[]> {
  if (!item.networkId && !item.organisationId) {
    return []; // national and area items: the feeds carry them; the digest is about one's own networks
  }
  return [
    {
      category: NotificationCategory.NETWORK_ACTIVITY,
      template: TemplateName.ACTIVITY,
      data: base,
      to: await audiences.inNetworkOrOrganisation(item.networkId, item.organisationId),
    },
  ];
}

/** One line saying what happened, from the item's verb and the names its payload carries. */
export function headlineOf(item: ActivityEventEntity): string {
  const p = item.payload;
  const name = [p.event, p.title, p.position, p.network, p.organisation, p.name].find(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  const what = item.verb.toLowerCase().replace(/_/g, ' ');
  const sentence = what.charAt(0).toUpperCase() + what.slice(1);
  const extra =
    item.verb.startsWith('NETWORK_') && typeof p.organisation === 'string' && typeof p.network === 'string'
      ? `: ${p.organisation} in ${p.network}`
      : name
        ? `: ${name}`
        : '';
  return `${sentence}${extra}`.slice(0, 200);
}

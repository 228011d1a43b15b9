import type { ActivityEventEntity } from '@app/activity';
import { NotificationCategory } from '../notification.enums';
import { TemplateName } from '../mail/templates';
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
    case 'PERSON_INVITED':
    case 'EVENT_RSVP_CHANGED':
    case 'POLL_ANSWERED':
      return []; // planned apart (invitations), or one's own doing (answers)
    default:
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

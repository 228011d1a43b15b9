import { expect } from '@jest/globals';
import { DateTime } from 'luxon';
import { demoOrganisationId } from '@app/organisations';
import type { GraphqlError } from '@app/testing';
import { unique } from './operation-fixtures';
import { invitationTokenOf } from './invitation-token';
import type { Headers } from './sign-in';
import type { TestApp } from './test-app';

export { signIn, type Headers } from './sign-in';

export const GWENT = 'W15000002';
export const NEWPORT_CVS = demoOrganisationId('cvs:W06000022');
/** The member login's organisation, an active member of the Gwent demo network. */
export const MEMBER_GROUP = demoOrganisationId('local:W15000002:0');
export const PARTNER_ORG = demoOrganisationId('national:women');

export type Response<T> = { data?: T | null; errors?: GraphqlError[] };

/** A local time `days` ahead of now in Europe/London, on the hour, as the API takes it. */
export const localIn = (days: number, hour = 18, minute = 30): string =>
  DateTime.now()
    .setZone('Europe/London')
    .plus({ days })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toFormat("yyyy-MM-dd'T'HH:mm");

/** New people on Newport CVS's staff (invited by its admin), signed in. */
export async function newportStaff(app: TestApp, coordinator: Headers, count: number): Promise<Headers[]> {
  const people: Headers[] = [];
  for (let i = 0; i < count; i++) {
    const email = `staff-${unique().toLowerCase()}@example.org`;
    const invited = await app.client.data<{ inviteToOrganisation: { invitation: { id: string } } }>(
      'mutation ($id: ID!, $email: String!) { inviteToOrganisation(input: { organisationId: $id, email: $email }) { invitation { id } } }',
      { id: NEWPORT_CVS, email },
      coordinator,
    );
    const accepted = await app.client.data<{ acceptInvitation: { session: { accessToken: string } } }>(
      'mutation ($t: String!) { acceptInvitation(input: { token: $t, displayName: "Staff (test)", password: "a-long-enough-password" }) { session { accessToken } } }',
      { t: invitationTokenOf(app, invited.inviteToOrganisation.invitation.id) },
    );
    people.push({ authorization: `Bearer ${accepted.acceptInvitation.session.accessToken}` });
  }
  return people;
}

/** A fresh network in Gwent convened by Newport CVS, with the member login's group as an active member. */
export async function gwentNetwork(app: TestApp, coordinator: Headers, admin: Headers): Promise<string> {
  const created = await app.client.data<{ createNetwork: { network: { id: string } } }>(
    'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
    {
      input: {
        name: `Events network ${unique()} (test)`,
        policeForceAreaCode: GWENT,
        convenorOrganisationId: NEWPORT_CVS,
      },
    },
    coordinator,
  );
  const networkId = created.createNetwork.network.id;
  const invited = await app.client.data<{ inviteToNetwork: { membership: { id: string } } }>(
    'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
    { input: { networkId, organisationId: MEMBER_GROUP } },
    coordinator,
  );
  await app.client.data(
    'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
    { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
    admin,
  );
  return networkId;
}

export const EVENT_FIELDS =
  'id title kind status statusReason visibility startsAt endsAt timeZone allDay recurrenceRule capacity sequence';

export interface EventView {
  id: string;
  title: string;
  kind: string;
  status: string;
  statusReason: string | null;
  visibility: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  allDay: boolean;
  recurrenceRule: string | null;
  capacity: number | null;
  sequence: number;
}

export interface Clash {
  reason: string;
  event: { id: string };
}

export async function createEvent(
  app: TestApp,
  who: Headers,
  input: Record<string, unknown>,
): Promise<Response<{ createEvent: { event: EventView; clashes: Clash[] } }>> {
  return app.client.request(
    `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { ${EVENT_FIELDS} } clashes { reason event { id } } } }`,
    { input },
    who,
  );
}

/** Creates an event and fails the test if the API refuses it. */
export async function eventOf(app: TestApp, who: Headers, input: Record<string, unknown>): Promise<EventView> {
  const { data, errors } = await createEvent(app, who, input);
  expect(errors).toBeUndefined();
  return data?.createEvent.event as EventView;
}

/** Why the first error refused: its `extensions.reason`. */
export const reasonOf = (response: Response<unknown>): unknown => response.errors?.[0]?.extensions?.reason;

export const errorOf = (response: Response<unknown>) => ({
  code: response.errors?.[0]?.extensions?.code,
  field: (response.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.[0]?.field,
});

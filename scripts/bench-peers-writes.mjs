// The writes of the mixed-load row of `npm run bench:peers`: the demo coordinator (Newport CVS)
// answers an event (RSVP), edits a section of a joint position and changes a member's role, in
// turn, at a steady rate. Each write commits activity in its own family (events, drafting,
// networks), so each moves the versions of the cached answers that read that family.
const NEWPORT_CVS = 'e6dcb668-3d5d-5efb-9b45-15a0032abca1';
const SECTIONS = 5;

async function graphql(base, query, variables, token) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`${query.trim().slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** A date `days` from today as the local wall-clock `YYYY-MM-DDTHH:mm` that createEvent takes. */
const wallClock = (days, hour) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${hour}:00`;

/**
 * Creates what the writes change (a network convened by Newport CVS with a new partner
 * organisation as a second member, a joint position, and `publicEvents` public events for the events
 * page: the first, answered, a one-off, the rest weekly). Answers a writer: `start(perSecond)` until `stop()`.
 */
export async function prepareWrites(base, { publicEvents }) {
  const signIn = async (who) =>
    (
      await graphql(
        base,
        `mutation { signIn(input: { email: "${who}@demo.convene.example", password: "convene-demo-2026" }) { accessToken } }`,
      )
    ).signIn.accessToken;
  const coordinator = await signIn('coordinator');
  // A partner organisation of the coordinator's making (its creator is its admin), so the
  // coordinator can also answer its invitation and its membership's role can change.
  const { createOrganisation } = await graphql(
    base,
    'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
    { input: { name: `Peers bench partner ${Date.now()} (bench)`, kind: 'VOLUNTARY_ORGANISATION' } },
    coordinator,
  );
  const otherOrganisationId = createOrganisation.organisation.id;
  const token = await signIn('coordinator'); // with the new affiliation
  const call = (query, variables) => graphql(base, query, variables, token);
  const { createNetwork } = await call(
    'mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id } } }',
    {
      input: {
        name: `Peers bench network ${Date.now()} (bench)`,
        policeForceAreaCode: 'W15000002',
        convenorOrganisationId: NEWPORT_CVS,
      },
    },
  );
  const networkId = createNetwork.network.id;
  const { inviteToNetwork } = await call(
    'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id role } } }',
    { input: { networkId, organisationId: otherOrganisationId, role: 'MEMBER' } },
  );
  const membershipId = inviteToNetwork.membership.id;
  await call(
    'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { status } } }',
    { input: { membershipId, accept: true } },
  );
  const { createJointPosition } = await call(
    'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id revision } } } }',
    {
      input: {
        networkId,
        title: 'Peers bench response',
        audience: 'The Police and Crime Commissioner for Gwent',
        sections: Array.from({ length: SECTIONS }, (_, i) => ({ heading: `Section ${i + 1}`, body: 'We ask.' })),
      },
    },
  );
  const sections = createJointPosition.position.sections.map((s) => ({ ...s }));
  const eventIds = [];
  for (let i = 0; i < publicEvents; i++) {
    const { createEvent } = await call(
      'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }',
      {
        input: {
          networkId,
          kind: 'NETWORK_MEETING',
          title: `Peers bench meeting ${i + 1}`,
          start: wallClock(1 + (i % 7), '10:00'),
          end: wallClock(1 + (i % 7), '12:00'),
          // The first is a one-off: the one answered (a series needs an occurrence per answer).
          recurrenceRule: i === 0 ? null : 'FREQ=WEEKLY',
          visibility: 'PUBLIC',
          capacity: 30,
        },
      },
    );
    eventIds.push(createEvent.event.id);
  }

  let timer = null;
  let n = 0;
  let going = false;
  let role = 'MEMBER';
  const stats = { sent: 0, done: 0, failed: 0, errors: [], latencies: [] };
  const writes = [
    () => {
      going = !going;
      return call('mutation ($input: AnswerEventInput!) { answerEvent(input: $input) { rsvp { answer } } }', {
        input: { eventId: eventIds[0], organisationId: NEWPORT_CVS, answer: going ? 'GOING' : 'DECLINED' },
      });
    },
    async () => {
      const section = sections[n % SECTIONS];
      const { editSection } = await call(
        `mutation ($input: EditSectionInput!) { editSection(input: $input) {
           ... on SectionEdited { section { revision } } ... on EditConflict { section { revision } } } }`,
        { input: { sectionId: section.id, baseRevision: section.revision, body: `We ask (${n}).` } },
      );
      section.revision = editSection.section.revision;
    },
    () => {
      role = role === 'MEMBER' ? 'OBSERVER' : 'MEMBER';
      return call(
        'mutation ($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { role } } }',
        { input: { membershipId, role } },
      );
    },
  ];
  const pending = new Set();
  const writeOnce = async () => {
    const write = writes[n++ % writes.length];
    stats.sent++;
    const at = performance.now();
    try {
      await write();
      stats.done++;
      stats.latencies.push(performance.now() - at);
    } catch (error) {
      stats.failed++;
      if (stats.errors.length < 3) {
        stats.errors.push(String(error.message ?? error).slice(0, 300));
      }
    }
  };
  return {
    networkId,
    /** One of each write, so a failing one stops the bench before it measures. */
    async check() {
      for (let i = 0; i < writes.length; i++) {
        await writeOnce();
      }
      if (stats.failed) {
        throw new Error(`mixed writes failed: ${stats.errors.join('; ')}`);
      }
    },
    start(perSecond) {
      Object.assign(stats, { sent: 0, done: 0, failed: 0, errors: [], latencies: [] });
      timer = setInterval(() => {
        const write = writeOnce();
        pending.add(write);
        void write.finally(() => pending.delete(write));
      }, 1000 / perSecond);
    },
    /** Stops sending and answers the figures once the writes in flight are answered. */
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
      return { ...stats, latencies: [...stats.latencies] };
    },
  };
}

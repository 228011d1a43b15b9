import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { Client as PgClient } from 'pg';
import { countSql, eventually, graphqlWsClient, LiveSubscription, rowCount } from '@app/testing';
import {
  errorOf,
  gwentNetwork,
  type Headers,
  MEMBER_GROUP,
  NEWPORT_CVS,
  PARTNER_ORG,
  reasonOf,
} from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { newestActivityCursor } from './support/activity-cursor';

interface Section {
  id: string;
  heading: string;
  body: string;
  revision: number;
  ordinal: number;
}
interface Position {
  id: string;
  status: string;
  revision: number;
  sections: Section[];
}
type EditResult =
  | { __typename: 'SectionEdited'; revision: number; merged: boolean; section: Section }
  | { __typename: 'EditConflict'; message: string; section: Section };

const SECTION = 'id heading body revision ordinal';
const POSITION = `id status revision sections { ${SECTION} }`;
const EDIT = `mutation ($input: EditSectionInput!) { editSection(input: $input) {
  __typename
  ... on SectionEdited { revision merged section { ${SECTION} } }
  ... on EditConflict { message section { ${SECTION} } } } }`;

describe('joint positions: co-drafting, sign-on, submission', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let partner: Headers;
  let networkId: string;

  const create = async (title: string, sections: { heading: string; body: string }[]): Promise<Position> => {
    const { createJointPosition } = await sut.client.data<{ createJointPosition: { position: Position } }>(
      `mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { ${POSITION} } } }`,
      {
        input: {
          networkId,
          title,
          audience: 'The Police and Crime Commissioner for Gwent',
          organisationId: MEMBER_GROUP,
          sections,
        },
      },
      member,
    );
    return createJointPosition.position;
  };
  const edit = async (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ editSection: EditResult }>(EDIT, { input }, who);
  const read = async (id: string, who: Headers = member): Promise<Position> =>
    (
      await sut.client.data<{ jointPosition: Position }>(
        `query ($id: ID!) { jointPosition(id: $id) { ${POSITION} } }`,
        { id },
        who,
      )
    ).jointPosition;
  const mutate = (who: Headers, name: string, input: Record<string, unknown>, selection = 'position { status }') =>
    sut.client.request<Record<string, unknown>>(
      `mutation ($input: ${name[0]?.toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${selection} } }`,
      { input },
      who,
    );
  const countRevisions = (): Promise<number> => rowCount(sut.database.url, 'position_revision');

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member, partner } = await demoCast(sut));
    networkId = await gwentNetwork(sut, coordinator, admin);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('merges concurrent edits to different words, and answers a conflict for the same words, writing nothing', async () => {
    const position = await create('Response to the police and crime plan (test)', [
      { heading: 'Victims', body: 'We ask the commissioner to fund advocates for victims of crime.' },
    ]);
    const [section] = position.sections as [Section];
    expect(position.revision).toBe(1);

    const mine = await edit(member, {
      sectionId: section.id,
      baseRevision: section.revision,
      body: 'We ask the commissioner to fund independent advocates for victims of crime.',
    });
    const theirs = await edit(coordinator, {
      sectionId: section.id,
      baseRevision: section.revision,
      body: 'We ask the commissioner to fund advocates for all victims of crime.',
    });
    expect(mine.data?.editSection).toMatchObject({ __typename: 'SectionEdited', revision: 2, merged: false });
    expect(theirs.data?.editSection).toMatchObject({ __typename: 'SectionEdited', revision: 3, merged: true });
    expect((await read(position.id)).sections[0]?.body).toBe(
      'We ask the commissioner to fund independent advocates for all victims of crime.',
    );

    const before = await countRevisions();
    const clash = await edit(member, {
      sectionId: section.id,
      baseRevision: 3,
      body: 'We ask the commissioner to fund independent advocates for all victims of crime, now.',
    });
    expect(clash.errors).toBeUndefined();
    const rival = await edit(coordinator, {
      sectionId: section.id,
      baseRevision: 3,
      body: 'We ask the commissioner to fund independent advocates for all victims of crime, this year.',
    });
    expect(rival.data?.editSection).toMatchObject({
      __typename: 'EditConflict',
      section: {
        revision: 4,
        body: 'We ask the commissioner to fund independent advocates for all victims of crime, now.',
      },
    });
    expect(await countRevisions()).toBe(before + 1);
  });

  it('gives clear errors for bad input and writes nothing', async () => {
    const position = await create('Bad input (test)', [{ heading: 'One', body: 'Text.' }]);
    const [section] = position.sections as [Section];
    const before = await countRevisions();
    const cases: [Record<string, unknown>, string][] = [
      [{ sectionId: '00000000-0000-4000-8000-000000000000', baseRevision: 1, body: 'x' }, 'input.sectionId'],
      [{ sectionId: section.id, baseRevision: 99, body: 'x' }, 'input.baseRevision'],
      [{ sectionId: section.id, baseRevision: 1, heading: '   ' }, 'input.heading'],
      [{ sectionId: section.id, baseRevision: 1, body: 'x'.repeat(50_001) }, 'input.body'],
    ];
    for (const [input, field] of cases) {
      expect(errorOf(await edit(member, input))).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect(await countRevisions()).toBe(before);
  });

  it('words refusals by what is wrong and what to do: a section unknown at the base revision, a status move', async () => {
    const position = await create('Words (test)', [{ heading: 'One', body: 'Text.' }]);
    const [section] = position.sections as [Section];
    const before = await edit(member, { sectionId: section.id, baseRevision: 0, body: 'Other text.' });
    expect(before.data?.editSection).toMatchObject({ __typename: 'EditConflict', section: { revision: 1 } });
    expect((before.data?.editSection as { message: string }).message).toBe(
      'This section did not exist at revision 0 (it was added later): read it at revision 1 and reapply your edit to that',
    );
    const status = (to: string) => mutate(coordinator, 'changePositionStatus', { positionId: position.id, status: to });
    expect((await status('AGREED')).errors).toBeUndefined();
    const back = await status('CONSULTATION');
    expect(errorOf(back)).toEqual({ code: 'CONFLICT', field: 'input.status' });
    expect(reasonOf(back)).toBe('INVALID_STATUS_MOVE');
    expect(back.errors?.[0]?.message).toBe(
      'The joint position is AGREED, so it cannot become CONSULTATION: from AGREED it can become DRAFTING or WITHDRAWN',
    );
    const fixed = await edit(member, { sectionId: section.id, baseRevision: 1, body: 'Changed.' });
    expect(errorOf(fixed).code).toBe('CONFLICT');
    expect(reasonOf(fixed)).toBe('TEXT_FIXED');
    expect(fixed.errors?.[0]?.message).toMatch(
      /^The joint position is AGREED, so its text is fixed: a convenor reopens it/,
    );
  });

  it('adds, moves and removes sections with revisions numbered without gaps, and keeps every past text', async () => {
    const position = await create('Sections (test)', [
      { heading: 'A', body: 'First.' },
      { heading: 'B', body: 'Second.' },
    ]);
    await mutate(
      member,
      'addSection',
      { positionId: position.id, heading: 'C', body: 'Third.', position: 1 },
      'section { id }',
    );
    const now = await read(position.id);
    expect(now.sections.map((s) => s.heading)).toEqual(['C', 'A', 'B']);
    const b = now.sections[2];
    await mutate(member, 'moveSection', { sectionId: b.id, position: 1 }, 'section { ordinal }');
    await mutate(member, 'removeSection', { sectionId: now.sections[1].id }, 'section { id }');
    const after = await read(position.id);
    expect(after.sections.map((s) => [s.heading, s.ordinal])).toEqual([
      ['B', 1],
      ['C', 2],
    ]);
    const { jointPosition } = await sut.client.data<{
      jointPosition: { revisions: { number: number; kind: string }[]; text: { sections: { heading: string }[] } };
    }>(
      'query ($id: ID!) { jointPosition(id: $id) { revisions { number kind } text(revision: 2) { sections { heading } } } }',
      { id: position.id },
      member,
    );
    expect(jointPosition.revisions.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(jointPosition.revisions.map((r) => r.kind)).toEqual([
      'SECTION_ADDED',
      'SECTION_ADDED',
      'SECTION_ADDED',
      'SECTIONS_REORDERED',
      'SECTION_REMOVED',
    ]);
    expect(jointPosition.text.sections.map((s) => s.heading)).toEqual(['A', 'B']);
  });

  it('keeps drafts among the network, and lets only convenors move the status', async () => {
    const position = await create('Private draft (test)', [{ heading: 'One', body: 'Text.' }]);
    expect(
      errorOf(
        await sut.client.request('query ($id: ID!) { jointPosition(id: $id) { id } }', { id: position.id }, partner),
      ).code,
    ).toBe('NOT_FOUND');
    const outsider = await edit(partner, { sectionId: position.sections[0]?.id, baseRevision: 1, body: 'Mine now.' });
    expect(errorOf(outsider).code).toBe('FORBIDDEN');
    expect(
      errorOf(await mutate(member, 'changePositionStatus', { positionId: position.id, status: 'AGREED' })).code,
    ).toBe('FORBIDDEN');
    const illegal = await mutate(coordinator, 'changePositionStatus', { positionId: position.id, status: 'RESPONDED' });
    expect(errorOf(illegal)).toEqual({ code: 'CONFLICT', field: 'input.status' });
  });

  it('fixes the agreed text, voids sign-ons visibly when reopened, and exports exactly who signed the exported text', async () => {
    const beforeIt = await newestActivityCursor(sut);
    const position = await create('Youth justice briefing (test)', [
      { heading: 'Diversion', body: 'Fund diversion schemes.\n\nPublish their results.' },
    ]);
    const [section] = position.sections as [Section];
    const status = (to: string, reason?: string) =>
      mutate(coordinator, 'changePositionStatus', { positionId: position.id, status: to, reason });
    const sign = (who: Headers, organisationId: string) =>
      mutate(who, 'signOnToPosition', { positionId: position.id, organisationId }, 'signOn { revision contentHash }');

    expect(errorOf(await sign(coordinator, NEWPORT_CVS)).code).toBe('CONFLICT'); // not agreed yet
    expect((await status('AGREED')).errors).toBeUndefined();
    expect(errorOf(await edit(member, { sectionId: section.id, baseRevision: 1, body: 'Changed.' })).code).toBe(
      'CONFLICT',
    );
    expect((await sign(admin, MEMBER_GROUP)).errors).toBeUndefined(); // a platform admin for the group
    expect(errorOf(await sign(member, MEMBER_GROUP)).code).toBe('FORBIDDEN'); // staff, not the group's admin

    // Reopened: the group's sign-on is voided; the text changes; agreed again; Newport signs the new text.
    const reopened = await status('DRAFTING', 'Add a line on custody');
    expect(reopened.errors).toBeUndefined();
    expect(
      (
        await edit(member, {
          sectionId: section.id,
          baseRevision: 1,
          body: 'Fund diversion schemes.\n\nPublish their results.\n\nEnd child custody.',
        })
      ).data?.editSection,
    ).toMatchObject({ __typename: 'SectionEdited', revision: 2 });
    await status('AGREED');
    const signed = await sign(coordinator, NEWPORT_CVS);
    expect(signed.data).toMatchObject({ signOnToPosition: { signOn: { revision: 2 } } });

    const { jointPosition } = await sut.client.data<{
      jointPosition: {
        signOns: { organisationId: string; voidedAt: string | null; revision: number }[];
        text: { contentHash: string };
      };
    }>(
      'query ($id: ID!) { jointPosition(id: $id) { signOns { organisationId voidedAt revision } text { contentHash } } }',
      { id: position.id },
      member,
    );
    expect(jointPosition.signOns.map((s) => [s.organisationId, s.revision, s.voidedAt === null])).toEqual([
      [MEMBER_GROUP, 1, false],
      [NEWPORT_CVS, 2, true],
    ]);

    const markdown = await fetch(`${sut.baseUrl}/positions/${position.id}/export.md`, { headers: member });
    expect(markdown.status).toBe(200);
    const text = await markdown.text();
    expect(text).toContain('End child custody.');
    const { organisation } = await sut.client.data<{ organisation: { name: string } }>(
      'query ($id: ID!) { organisation(id: $id) { name } }',
      { id: NEWPORT_CVS },
    );
    const signedBy = text
      .slice(text.indexOf('## Signed by'))
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(signedBy).toEqual([`- ${organisation.name}`]); // not the group, whose sign-on was on the old text
    expect(text).toContain(jointPosition.text.contentHash);

    const docx = await fetch(`${sut.baseUrl}/positions/${position.id}/export.docx`, { headers: member });
    expect(docx.headers.get('content-type')).toContain('wordprocessingml');
    expect(docx.headers.get('content-disposition')).toBe('attachment; filename="Youth justice briefing (test).docx"');
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('End child custody.');
    expect(xml).toContain('Signed by');
    // "To:" where the Markdown has it: after the text, before the signatories.
    expect(text.indexOf('To: The Police and Crime Commissioner for Gwent')).toBeGreaterThan(
      text.indexOf('End child custody.'),
    );
    expect(xml.indexOf('To: The Police and Crime Commissioner for Gwent')).toBeGreaterThan(
      xml.indexOf('End child custody.'),
    );
    expect(xml.indexOf('To: The Police and Crime Commissioner for Gwent')).toBeLessThan(xml.indexOf('Signed by'));
    expect((await fetch(`${sut.baseUrl}/positions/${position.id}/export.md`)).status).toBe(404); // not public yet

    // Submitted: public, with the response recorded.
    expect(
      (
        await mutate(coordinator, 'submitPosition', {
          positionId: position.id,
          submittedTo: 'Gwent OPCC',
          submittedOn: '2026-11-29',
          method: 'email',
        })
      ).errors,
    ).toBeUndefined();
    expect((await read(position.id, {})).status).toBe('SUBMITTED');
    expect((await fetch(`${sut.baseUrl}/positions/${position.id}/export.md`)).status).toBe(200);
    // Public now: the text, its sections and sign-ons; how it came to be stays with the network's members.
    const DELIBERATION = `query ($id: ID!) { jointPosition(id: $id) {
      text { revision } earlier: text(revision: 1) { revision } revisions { number } diff(from: 1) { value }
      sections { body comments { id } suggestions { id } attribution { text } } signOns { revision } } }`;
    type Deliberation = {
      jointPosition: {
        text: { revision: number };
        earlier: { revision: number } | null;
        revisions: unknown[] | null;
        diff: unknown[] | null;
        sections: {
          body: string;
          comments: unknown[] | null;
          suggestions: unknown[] | null;
          attribution: unknown[] | null;
        }[];
        signOns: unknown[];
      };
    };
    const publicly = (await sut.client.data<Deliberation>(DELIBERATION, { id: position.id })).jointPosition;
    expect(publicly).toEqual({
      text: { revision: 2 },
      earlier: null,
      revisions: null,
      diff: null,
      sections: [
        { body: expect.stringContaining('End child custody.'), comments: null, suggestions: null, attribution: null },
      ],
      signOns: expect.arrayContaining([expect.objectContaining({ revision: 2 })]),
    });
    const byMember = (await sut.client.data<Deliberation>(DELIBERATION, { id: position.id }, member)).jointPosition;
    expect(byMember.earlier).toEqual({ revision: 1 });
    expect(byMember.revisions).toHaveLength(2);
    expect(byMember.diff?.length).toBeGreaterThan(0);
    expect(byMember.sections[0]).toMatchObject({ comments: [], suggestions: [], attribution: expect.any(Array) });
    // Followed live from before it was created: others get what happened to it, members how it was written too.
    type Followed = { positionChanges: { verb: string; section: { body: string } | null } };
    const FOLLOW =
      'subscription ($id: ID!, $after: String) { positionChanges(positionId: $id, after: $after) { verb section { body } } }';
    const anonymousClient = graphqlWsClient(sut.graphqlUrl);
    const memberClient = graphqlWsClient(sut.graphqlUrl, { authorization: member.authorization });
    const follow = { id: position.id, after: beforeIt };
    const followedPublicly = new LiveSubscription<Followed>(anonymousClient, FOLLOW, follow);
    const asMember = new LiveSubscription<Followed>(memberClient, FOLLOW, follow);
    try {
      const responded = await mutate(coordinator, 'recordPositionResponse', {
        positionId: position.id,
        responseText: 'We will fund two more schemes.',
        respondedOn: '2026-12-10',
        commitments: ['Two more diversion schemes'],
      });
      expect(responded.data).toEqual({ recordPositionResponse: { position: { status: 'RESPONDED' } } });
      const verbsOf = async (live: LiveSubscription<Followed>) => {
        await eventually(
          () => live.items.some((i) => i.positionChanges.verb === 'POSITION_RESPONSE_RECORDED') || undefined,
          {
            what: 'the response, the last change',
          },
        );
        expect(live.errors).toEqual([]);
        return live.items.map((i) => i.positionChanges.verb);
      };
      expect(new Set(await verbsOf(followedPublicly))).toEqual(
        new Set(['POSITION_STATUS_CHANGED', 'POSITION_SIGNED', 'POSITION_SUBMITTED', 'POSITION_RESPONSE_RECORDED']),
      );
      expect(followedPublicly.items.filter((i) => i.positionChanges.section !== null)).toEqual([]);
      expect(await verbsOf(asMember)).toEqual(
        expect.arrayContaining(['POSITION_SECTION_EDITED', 'POSITION_RESPONSE_RECORDED']),
      );
    } finally {
      followedPublicly.stop();
      asMember.stop();
      await Promise.all([anonymousClient.dispose(), memberClient.dispose()]);
    }
  });

  it("keeps who is writing with the network, and ends others' following once a public draft is withdrawn", async () => {
    const position = await create('Withdrawn later (test)', [{ heading: 'One', body: 'Text.' }]);
    for (const [name, input] of [
      ['changePositionStatus', { positionId: position.id, status: 'AGREED' }],
      [
        'submitPosition',
        { positionId: position.id, submittedTo: 'Gwent OPCC', submittedOn: '2026-11-29', method: 'email' },
      ],
    ] as const) {
      expect((await mutate(coordinator, name, input)).errors).toBeUndefined();
    }
    const partnerClient = graphqlWsClient(sut.graphqlUrl, { authorization: partner.authorization });
    const anonymousClient = graphqlWsClient(sut.graphqlUrl);
    const presence = new LiveSubscription<unknown>(
      partnerClient,
      'subscription ($id: ID!) { positionPresence(positionId: $id) { present { personId sectionId editing } } }',
      { id: position.id },
    );
    const following = new LiveSubscription<{ positionChanges: { verb: string } }>(
      anonymousClient,
      'subscription ($id: ID!, $after: String) { positionChanges(positionId: $id, after: $after) { verb } }',
      { id: position.id, after: await newestActivityCursor(sut) },
    );
    try {
      await presence.waitFor(1);
      expect(presence.errors.map((e) => [e.extensions?.code, e.extensions?.reason])).toEqual([
        ['FORBIDDEN', 'NOT_A_MEMBER'],
      ]);
      // Readable to anyone while submitted; withdrawn, the draft is its members' again.
      expect((await read(position.id, {})).status).toBe('SUBMITTED');
      expect(
        (
          await mutate(coordinator, 'changePositionStatus', {
            positionId: position.id,
            status: 'WITHDRAWN',
            reason: 'Not for the public',
          })
        ).errors,
      ).toBeUndefined();
      await following.waitFor(1);
      expect(following.items).toEqual([]);
      expect(following.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    } finally {
      presence.stop();
      following.stop();
      await Promise.all([partnerClient.dispose(), anonymousClient.dispose()]);
    }
  });

  it("reads a member's access to a draft's deliberation once, with the draft: one statement more for each field asked", async () => {
    const position = await create('Counted (test)', [{ heading: 'One', body: 'Text.' }]);
    const ask = (fields: string) =>
      countSql(() =>
        sut.client.data(
          `query ($id: ID!) { jointPosition(id: $id) { title sections { body ${fields} } } }`,
          { id: position.id },
          member,
        ),
      );
    const plain = await ask('');
    const deliberation = await ask('comments { id } suggestions { id } attribution { text }');
    // Comments, suggestions, and the section's writings for its attribution: no second read of the caller or the draft.
    expect(deliberation.statements.length - plain.statements.length).toBe(3);
  });

  it('attributes each paragraph to the organisations that wrote it, and diffs any two revisions', async () => {
    const position = await create('Attribution (test)', [
      { heading: 'Housing', body: 'Prison leavers need homes.\n\nCouncils should plan for them.' },
    ]);
    const [section] = position.sections as [Section];
    await edit(coordinator, {
      sectionId: section.id,
      baseRevision: 1,
      organisationId: NEWPORT_CVS,
      body: 'Prison leavers need safe homes.\n\nCouncils should plan for them.\n\nThe PCC can convene them.',
    });
    const { jointPosition } = await sut.client.data<{
      jointPosition: {
        sections: { attribution: { text: string; organisationIds: string[] }[] }[];
        diff: { value: string; added: boolean; removed: boolean }[];
      };
    }>(
      'query ($id: ID!) { jointPosition(id: $id) { sections { attribution { text organisationIds } } diff(from: 1, to: 2) { value added removed } } }',
      { id: position.id },
      member,
    );
    expect(jointPosition.sections[0]?.attribution).toEqual([
      { text: 'Prison leavers need safe homes.', organisationIds: [MEMBER_GROUP, NEWPORT_CVS].sort() },
      { text: 'Councils should plan for them.', organisationIds: [MEMBER_GROUP] },
      { text: 'The PCC can convene them.', organisationIds: [NEWPORT_CVS] },
    ]);
    expect(jointPosition.diff.filter((p) => p.added).map((p) => p.value.trim())).toEqual(
      expect.arrayContaining(['safe']),
    );
    expect(jointPosition.diff.filter((p) => p.removed)).toEqual([]);
    const rebuilt = jointPosition.diff
      .filter((p) => !p.removed)
      .map((p) => p.value)
      .join('');
    expect(rebuilt).toContain('The PCC can convene them.');
  });

  it('threads comments on words of a section, and applies an accepted tracked change merged with later edits', async () => {
    const position = await create('Review (test)', [
      { heading: 'Policing', body: 'Officers should attend every report.' },
    ]);
    const [section] = position.sections as [Section];
    const comment = await mutate(
      member,
      'addComment',
      {
        sectionId: section.id,
        body: 'Is "every" realistic?',
        anchor: { start: 23, end: 28 },
        organisationId: MEMBER_GROUP,
      },
      'comment { id quote revision }',
    );
    expect(comment.data).toMatchObject({ addComment: { comment: { quote: 'every', revision: 1 } } });
    const commentId = (comment.data?.addComment as { comment: { id: string } }).comment.id;
    const reply = await mutate(
      coordinator,
      'addComment',
      { sectionId: section.id, body: 'Fair: "each".', parentId: commentId },
      'comment { parentId }',
    );
    expect(reply.data).toEqual({ addComment: { comment: { parentId: commentId } } });
    expect(
      errorOf(
        await mutate(
          member,
          'addComment',
          { sectionId: section.id, body: 'x', anchor: { start: 5, end: 500 } },
          'comment { id }',
        ),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.anchor',
    });

    // A tracked change on revision 1: "every" → "each"; meanwhile someone edits another word.
    const suggested = await mutate(
      member,
      'suggestChange',
      { sectionId: section.id, baseRevision: 1, start: 23, end: 28, replacement: 'each', organisationId: MEMBER_GROUP },
      'suggestion { id original status }',
    );
    expect(suggested.data).toMatchObject({ suggestChange: { suggestion: { original: 'every', status: 'OPEN' } } });
    const suggestionId = (suggested.data?.suggestChange as { suggestion: { id: string } }).suggestion.id;
    await edit(coordinator, {
      sectionId: section.id,
      baseRevision: 1,
      body: 'Officers should promptly attend every report.',
    });
    expect(
      errorOf(await mutate(member, 'decideSuggestion', { suggestionId, accept: true }, 'suggestion { status }')).code,
    ).toBe(
      'FORBIDDEN', // neither the section's lead nor a convenor
    );
    const accepted = await mutate(
      coordinator,
      'decideSuggestion',
      { suggestionId, accept: true },
      'suggestion { status resultingRevision }',
    );
    expect(accepted.data).toEqual({ decideSuggestion: { suggestion: { status: 'ACCEPTED', resultingRevision: 3 } } });
    expect((await read(position.id)).sections[0]?.body).toBe('Officers should promptly attend each report.');
    expect(
      errorOf(await mutate(coordinator, 'decideSuggestion', { suggestionId, accept: false }, 'suggestion { status }'))
        .code,
    ).toBe('CONFLICT');
    await mutate(member, 'resolveComment', { commentId }, 'comment { resolvedAt }');
    const { jointPosition } = await sut.client.data<{
      jointPosition: { sections: { comments: { resolvedAt: string | null }[]; suggestions: { status: string }[] }[] };
    }>(
      'query ($id: ID!) { jointPosition(id: $id) { sections { comments { resolvedAt } suggestions { status } } } }',
      { id: position.id },
      member,
    );
    expect(jointPosition.sections[0]?.comments.map((c) => c.resolvedAt !== null)).toEqual([true, false]);
    expect(jointPosition.sections[0]?.suggestions.map((x) => x.status)).toEqual(['ACCEPTED']);
  });

  it('streams section changes with their revision numbers to members over WebSocket', async () => {
    const position = await create('Live draft (test)', [{ heading: 'One', body: 'Alpha beta.' }]);
    const [section] = position.sections as [Section];
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: member.authorization });
    const live = new LiveSubscription<{
      positionChanges: { verb: string; revision: number; section: { body: string } | null };
    }>(
      client,
      'subscription ($id: ID!, $after: String) { positionChanges(positionId: $id, after: $after) { verb revision section { body } } }',
      { id: position.id, after: await newestActivityCursor(sut) },
    );
    try {
      await edit(coordinator, { sectionId: section.id, baseRevision: 1, body: 'Alpha beta gamma.' });
      await edit(member, { sectionId: section.id, baseRevision: 2, body: 'Alpha beta gamma delta.' });
      const items = await live.waitFor(2);
      expect(items.map((i) => [i.positionChanges.verb, i.positionChanges.revision])).toEqual([
        ['POSITION_SECTION_EDITED', 2],
        ['POSITION_SECTION_EDITED', 3],
      ]);
      expect(live.errors).toEqual([]);
    } finally {
      live.stop();
      await client.dispose();
    }
  });

  it("stops a member's stream with FORBIDDEN once their organisation leaves the network", async () => {
    const ownNetwork = await gwentNetwork(sut, coordinator, admin);
    const { createJointPosition } = await sut.client.data<{ createJointPosition: { position: Position } }>(
      `mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { ${POSITION} } } }`,
      {
        input: {
          networkId: ownNetwork,
          title: 'Leaving (test)',
          audience: 'The commissioner',
          sections: [{ heading: 'One', body: 'Text.' }],
        },
      },
      coordinator,
    );
    const position = createJointPosition.position;
    const client = graphqlWsClient(sut.graphqlUrl, { authorization: member.authorization });
    const live = new LiveSubscription<{ positionChanges: { revision: number } }>(
      client,
      'subscription ($id: ID!, $after: String) { positionChanges(positionId: $id, after: $after) { revision } }',
      { id: position.id, after: await newestActivityCursor(sut) },
    );
    try {
      await edit(coordinator, { sectionId: position.sections[0]?.id, baseRevision: 1, body: 'Text, edited.' });
      expect((await live.waitFor(1)).map((i) => i.positionChanges.revision)).toEqual([2]);
      const { network } = await sut.client.data<{
        network: { members: { id: string; organisation: { id: string } }[] };
      }>('query ($id: ID!) { network(id: $id) { members { id organisation { id } } } }', { id: ownNetwork }, admin);
      const membershipId = network.members.find((m) => m.organisation.id === MEMBER_GROUP)?.id;
      await sut.client.data(
        'mutation ($input: EndMembershipInput!) { leaveNetwork(input: $input) { membership { status } } }',
        { input: { membershipId } },
        admin,
      );
      await edit(coordinator, { sectionId: position.sections[0]?.id, baseRevision: 2, body: 'Text, edited again.' });
      await live.waitFor(2); // ends at the refusal
      expect(live.items).toHaveLength(1);
      expect(live.errors[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      live.stop();
      await client.dispose();
    }
  });

  it('shows who has the draft open and where, within about a second, and forgets a closed connection', async () => {
    const position = await create('Presence (test)', [{ heading: 'One', body: 'Text.' }]);
    type Update = {
      positionPresence: { you: string; present: { personId: string; sectionId: string | null; editing: boolean }[] };
    };
    const document =
      'subscription ($id: ID!) { positionPresence(positionId: $id) { you present { personId sectionId editing } } }';
    const memberClient = graphqlWsClient(sut.graphqlUrl, { authorization: member.authorization });
    const coordinatorClient = graphqlWsClient(sut.graphqlUrl, { authorization: coordinator.authorization });
    const mine = new LiveSubscription<Update>(memberClient, document, { id: position.id });
    try {
      const [first] = await mine.waitFor(1);
      expect(first?.positionPresence.present).toHaveLength(1);
      const theirs = new LiveSubscription<Update>(coordinatorClient, document, { id: position.id });
      const [theirFirst] = await theirs.waitFor(1);
      const moved = await sut.client.request(
        'mutation ($input: MovePresenceInput!) { movePresence(input: $input) { presence { sectionId editing } } }',
        { input: { presenceId: theirFirst?.positionPresence.you, sectionId: position.sections[0]?.id, editing: true } },
        coordinator,
      );
      expect(moved.data).toEqual({
        movePresence: { presence: { sectionId: position.sections[0]?.id, editing: true } },
      });
      const stolen = await sut.client.request(
        'mutation ($input: MovePresenceInput!) { movePresence(input: $input) { presence { editing } } }',
        { input: { presenceId: theirFirst?.positionPresence.you, editing: false } },
        member,
      );
      expect(errorOf(stolen)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.presenceId' });
      const editingNow = () =>
        mine.items.at(-1)?.positionPresence.present.some((p) => p.editing && p.sectionId === position.sections[0]?.id);
      await eventually(() => editingNow() || undefined, { what: "the coordinator's move in the member's view" });
      expect(mine.items.at(-1)?.positionPresence.present).toHaveLength(2);

      theirs.stop(); // the coordinator closes the draft: gone from the member's view
      await eventually(() => (mine.items.at(-1)?.positionPresence.present.length === 1 ? true : undefined), {
        what: 'the closed connection gone from the view',
      });
      expect(mine.items.at(-1)?.positionPresence.present).toHaveLength(1);
      expect(mine.errors).toEqual([]);
    } finally {
      mine.stop();
      await memberClient.dispose();
      await coordinatorClient.dispose();
    }
  });

  it('refuses leads and attributions outside the network, bad field arguments and malformed ids as clear errors', async () => {
    const position = await create('Review fixes (test)', [{ heading: 'One', body: 'Alpha beta.' }]);
    const [section] = position.sections as [Section];
    const lead = await mutate(
      member,
      'addSection',
      { positionId: position.id, heading: 'Two', leadOrganisationId: PARTNER_ORG },
      'section { id }',
    );
    expect(errorOf(lead)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.leadOrganisationId' });
    const credited = await edit(member, {
      sectionId: section.id,
      baseRevision: 1,
      body: 'Alpha beta gamma.',
      organisationId: PARTNER_ORG,
    });
    expect(errorOf(credited)).toEqual({ code: 'FORBIDDEN', field: 'input.organisationId' });
    for (const [query, field] of [
      ['query ($id: ID!) { jointPosition(id: $id) { revisions(first: 0) { number } } }', 'first'],
      ['query ($id: ID!) { jointPosition(id: $id) { text(revision: 999) { markdown } } }', 'revision'],
      ['query ($id: ID!) { jointPosition(id: $id) { diff(from: -1) { value } } }', 'from'],
    ] as const) {
      expect(errorOf(await sut.client.request(query, { id: position.id }, member))).toEqual({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    expect(errorOf(await sut.client.request('{ jointPosition(id: "nope") { id } }', {}, member)).code).toBe(
      'BAD_USER_INPUT',
    );

    // Removing a section closes its open tracked changes.
    const extra = await mutate(
      member,
      'addSection',
      { positionId: position.id, heading: 'Three', body: 'Gamma.' },
      'section { id revision }',
    );
    const three = (extra.data?.addSection as { section: { id: string; revision: number } }).section;
    await mutate(
      member,
      'suggestChange',
      { sectionId: three.id, baseRevision: three.revision, start: 0, end: 5, replacement: 'Delta' },
      'suggestion { id }',
    );
    await mutate(member, 'removeSection', { sectionId: three.id }, 'section { id }');
    const client = new PgClient({ connectionString: sut.database.url });
    await client.connect();
    const { rows } = await client.query<{ status: string }>(
      'SELECT status FROM position_suggestion WHERE section_id = $1',
      [three.id],
    );
    await client.end();
    expect(rows.map((r) => r.status)).toEqual(['REJECTED']);
  });
});

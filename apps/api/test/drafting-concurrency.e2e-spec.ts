import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { gwentNetwork, type Headers, newportStaff, NEWPORT_CVS, signIn } from './support/event-helpers';
import { startTestApp, type TestApp } from './support/test-app';

interface Section {
  id: string;
  body: string;
  revision: number;
}
type EditResult =
  | { __typename: 'SectionEdited'; revision: number; merged: boolean; section: Section }
  | { __typename: 'EditConflict'; section: Section };

const EDIT = `mutation ($input: EditSectionInput!) { editSection(input: $input) {
  __typename ... on SectionEdited { revision merged section { id body revision } } ... on EditConflict { section { id body revision } } } }`;
const CLIENTS = 4;

/** One client's edit: insert a word of its own after the `at`-th word of a section, as it last saw it. */
interface Edit {
  readonly client: number;
  readonly section: number;
  readonly at: number;
}

describe('concurrent editing (property-based, through the API)', () => {
  let sut: TestApp;
  let clients: Headers[];
  let networkId: string;

  beforeAll(async () => {
    sut = await startTestApp();
    const admin = await signIn(sut, 'admin@demo.convene.example');
    const coordinator = await signIn(sut, 'coordinator@demo.convene.example');
    networkId = await gwentNetwork(sut, coordinator, admin);
    clients = [coordinator, ...(await newportStaff(sut, coordinator, CLIENTS - 1))];
  });

  afterAll(async () => {
    await sut.close();
  });

  it('loses no acknowledged edit, answers the rest with a conflict, and numbers revisions without gaps', async () => {
    let run = 0;
    const seenOutcomes = { merged: 0, conflicts: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.array(
            fc.record({
              client: fc.integer({ min: 0, max: CLIENTS - 1 }),
              section: fc.integer({ min: 0, max: 2 }),
              at: fc.nat({ max: 12 }),
            }),
            { minLength: 1, maxLength: CLIENTS },
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (rounds: Edit[][]) => {
          run++;
          const { createJointPosition } = await sut.client.data<{
            createJointPosition: { position: { id: string; sections: Section[] } };
          }>(
            'mutation ($input: CreateJointPositionInput!) { createJointPosition(input: $input) { position { id sections { id body revision } } } }',
            {
              input: {
                networkId,
                title: `Property ${run} (test)`,
                audience: 'The commissioner',
                sections: ['alpha beta gamma delta', 'one two three four five', 'red green blue'].map((body, i) => ({
                  heading: `S${i}`,
                  body,
                })),
              },
            },
            clients[0],
          );
          const position = createJointPosition.position;
          // What each client last saw of each section (all start from the created text).
          const seen = clients.map(() => position.sections.map((s) => ({ ...s })));
          const acknowledged: string[] = [];
          const conflicted: string[] = [];
          let counter = 0;
          for (const round of rounds) {
            // A round's edits are sent at once: each client edits from what it saw before the round.
            const results = await Promise.all(
              round.map(async (edit) => {
                const view = seen[edit.client]?.[edit.section];
                const words = view.body.split(' ');
                const marker = `w${run}x${counter++}`;
                words.splice(edit.at % (words.length + 1), 0, marker);
                const response = await sut.client.request<{ editSection: EditResult }>(
                  EDIT,
                  {
                    input: {
                      sectionId: view.id,
                      baseRevision: view.revision,
                      body: words.join(' '),
                      organisationId: edit.client === 0 ? NEWPORT_CVS : null,
                    },
                  },
                  clients[edit.client],
                );
                expect(response.errors).toBeUndefined();
                return { edit, marker, result: response.data?.editSection as EditResult };
              }),
            );
            for (const { edit, marker, result } of results) {
              (result.__typename === 'SectionEdited' ? acknowledged : conflicted).push(marker);
              seenOutcomes.merged += result.__typename === 'SectionEdited' && result.merged ? 1 : 0;
              seenOutcomes.conflicts += result.__typename === 'EditConflict' ? 1 : 0;
              const view = seen[edit.client] as Section[];
              view[edit.section] = { ...result.section };
            }
          }
          const { jointPosition } = await sut.client.data<{
            jointPosition: {
              revision: number;
              sections: Section[];
              revisions: { number: number; sectionId: string; body: string | null }[];
            };
          }>(
            'query ($id: ID!) { jointPosition(id: $id) { revision sections { id body revision } revisions(first: 500) { number sectionId body } } }',
            { id: position.id },
            clients[1],
          );
          const finalText = jointPosition.sections.map((s) => s.body).join('\n');
          // Every acknowledged edit's word is in the text (edits only insert); no conflicted one is.
          for (const marker of acknowledged) {
            expect(finalText.split(/\s+/)).toContain(marker);
          }
          for (const marker of conflicted) {
            expect(finalText.split(/\s+/)).not.toContain(marker);
          }
          // Revisions 1..n without gaps, n = the draft's revision = creations + acknowledged edits.
          expect(jointPosition.revisions.map((r) => r.number)).toEqual(
            Array.from({ length: jointPosition.revision }, (_, i) => i + 1),
          );
          expect(jointPosition.revision).toBe(3 + acknowledged.length);
          // Replaying the accepted revisions gives the final text.
          const replayed = new Map<string, string>();
          for (const revision of jointPosition.revisions) {
            if (revision.body !== null) {
              replayed.set(revision.sectionId, revision.body);
            }
          }
          expect(jointPosition.sections.map((s) => replayed.get(s.id))).toEqual(
            jointPosition.sections.map((s) => s.body),
          );
        },
      ),
      { numRuns: 12, seed: 20261129 },
    );
    // The runs exercised both paths: edits merged into others' changes, and conflicts answered.
    expect(seenOutcomes.merged).toBeGreaterThan(0);
    expect(seenOutcomes.conflicts).toBeGreaterThan(0);
  });
});

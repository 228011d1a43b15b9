import { freshNetwork, freshPosition, NEWPORT_CVS, setUp, type Fixture, unique } from './operation-fixtures';
import type { TestApp } from './test-app';

const GWENT = 'W15000002';

/** A fresh public engagement (with one commitment due in a week) in a fresh network Newport CVS convenes. */
export async function freshEngagement(app: TestApp): Promise<{ engagementId: string; commitmentId: string }> {
  const networkId = await freshNetwork(app, 'newport');
  const engagement = await setUp(
    app,
    'coordinator',
    'mutation ($input: RecordEngagementInput!) { recordEngagement(input: $input) { engagement { id commitments { id } } } }',
    {
      input: {
        networkId,
        kind: 'MEETING',
        occurredOn: '2026-11-02',
        summary: `Quarterly meeting ${unique()} (test)`,
        asks: ['Fund a women’s centre'],
        commitments: [{ text: 'Reply in writing', owner: 'Chief executive, OPCC', dueOn: '2026-12-31', askNumber: 1 }],
      },
    },
    ['recordEngagement', 'engagement'],
  );
  const { id, commitments } = engagement as unknown as { id: string; commitments: { id: string }[] };
  return { engagementId: id, commitmentId: commitments[0]?.id ?? '' };
}

/** A fresh Gwent plan (recorded by the platform admin) with two priorities: their ids. */
export async function freshPlanPriorities(app: TestApp): Promise<string[]> {
  const plan = await setUp(
    app,
    'admin',
    'mutation ($input: RecordPoliceCrimePlanInput!) { recordPoliceCrimePlan(input: $input) { plan { priorities { id } } } }',
    {
      input: {
        policeForceAreaCode: GWENT,
        title: `Police and crime plan ${unique()} (test)`,
        periodStart: '2025-04-01',
        periodEnd: '2029-03-31',
        priorities: [{ title: 'Safer communities' }, { title: 'Victims first' }],
      },
    },
    ['recordPoliceCrimePlan', 'plan'],
  );
  return (plan as unknown as { priorities: { id: string }[] }).priorities.map((p) => p.id);
}

/** A fresh Justice Data Lab result on Newport CVS's profile. */
const freshResult = (app: TestApp): Promise<string> =>
  setUp(
    app,
    'coordinator',
    'mutation ($input: RecordJusticeDataLabResultInput!) { recordJusticeDataLabResult(input: $input) { result { id } } }',
    {
      input: {
        organisationId: NEWPORT_CVS,
        intervention: `Mentoring ${unique()} (test)`,
        periodStart: '2019-01-01',
        periodEnd: '2020-12-31',
        treatmentGroupSize: 120,
        comparisonGroupSize: 9800,
        treatmentReoffendingRate: 31.5,
        comparisonReoffendingRate: 38.2,
        statisticallySignificant: true,
      },
    },
    ['recordJusticeDataLabResult', 'result', 'id'],
  );

/** A fresh draft citing a fresh result: their ids. */
async function citedEvidence(app: TestApp): Promise<{ positionId: string; resultId: string }> {
  const { positionId } = await freshPosition(app);
  const resultId = await freshResult(app);
  await setUp(
    app,
    'coordinator',
    'mutation ($input: CiteEvidenceInput!) { citeEvidence(input: $input) { position { id } } }',
    { input: { positionId, resultId } },
    ['citeEvidence', 'position', 'id'],
  );
  return { positionId, resultId };
}

export const INFLUENCING_FIXTURES: Record<string, Fixture> = {
  'Query.engagements': {
    document: 'query { engagements(first: 5) { id summary } }',
    variables: () => ({}),
  },
  'Query.engagement': {
    document: 'query ($id: ID!) { engagement(id: $id) { id asks { text } commitments { status } } }',
    variables: async (app) => ({ id: (await freshEngagement(app)).engagementId }),
  },
  'Query.overdueCommitments': {
    document: 'query { overdueCommitments { id daysOverdue } }',
    variables: () => ({}),
  },
  'Query.commitmentsByArea': {
    document: 'query { commitmentsByArea { policeForceArea { code } total overdue } }',
    variables: () => ({}),
  },
  'Mutation.recordEngagement': {
    document:
      'mutation ($networkId: ID!) { recordEngagement(input: { networkId: $networkId, kind: LETTER, occurredOn: "2026-11-20", summary: "Wrote to the commissioner (test)" }) { engagement { id } } }',
    variables: async (app) => ({ networkId: await freshNetwork(app, 'newport') }),
  },
  'Mutation.addCommitment': {
    document:
      'mutation ($engagementId: ID!) { addCommitment(input: { engagementId: $engagementId, text: "Meet again", owner: "The commissioner", dueOn: "2027-02-01" }) { commitment { id } } }',
    variables: async (app) => ({ engagementId: (await freshEngagement(app)).engagementId }),
  },
  'Mutation.correctEngagement': {
    document:
      'mutation ($engagementId: ID!) { correctEngagement(input: { engagementId: $engagementId, summary: "Quarterly meeting (corrected, test)" }) { engagement { summary } } }',
    variables: async (app) => ({ engagementId: (await freshEngagement(app)).engagementId }),
  },
  'Mutation.changeCommitmentStatus': {
    document:
      'mutation ($commitmentId: ID!) { changeCommitmentStatus(input: { commitmentId: $commitmentId, status: MET, note: "Letter received" }) { commitment { status } } }',
    variables: async (app) => ({ commitmentId: (await freshEngagement(app)).commitmentId }),
  },
  'Mutation.recordPoliceCrimePlan': {
    document:
      'mutation ($title: String!) { recordPoliceCrimePlan(input: { policeForceAreaCode: "W15000002", title: $title, periodStart: "2025-04-01", priorities: [{ title: "Safer streets" }] }) { plan { id } } }',
    variables: () => ({ title: `Plan ${unique()} (test)` }),
  },
  'Mutation.declarePositionPriorities': {
    document:
      'mutation ($positionId: ID!, $priorityIds: [ID!]!) { declarePositionPriorities(input: { positionId: $positionId, priorityIds: $priorityIds }) { position { id addresses { title } } } }',
    variables: async (app) => ({
      positionId: (await freshPosition(app)).positionId,
      priorityIds: await freshPlanPriorities(app),
    }),
  },
  'Mutation.recordJusticeDataLabResult': {
    document:
      'mutation ($organisationId: ID!) { recordJusticeDataLabResult(input: { organisationId: $organisationId, intervention: "Mentoring (test)", periodStart: "2019-01-01", periodEnd: "2019-12-31", treatmentGroupSize: 80, comparisonGroupSize: 5000, treatmentReoffendingRate: 30, comparisonReoffendingRate: 36.4, statisticallySignificant: false }) { result { id } } }',
    variables: () => ({ organisationId: NEWPORT_CVS }),
  },
  'Mutation.citeEvidence': {
    document:
      'mutation ($positionId: ID!, $resultId: ID!) { citeEvidence(input: { positionId: $positionId, resultId: $resultId }) { position { evidence { id } } } }',
    variables: async (app) => ({ positionId: (await freshPosition(app)).positionId, resultId: await freshResult(app) }),
  },
  'Mutation.withdrawEvidence': {
    document:
      'mutation ($positionId: ID!, $resultId: ID!) { withdrawEvidence(input: { positionId: $positionId, resultId: $resultId }) { position { evidence { id } } } }',
    variables: (app) => citedEvidence(app),
  },
};

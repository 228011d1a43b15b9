import { ElectionKind, electionRoundId } from '@app/influencing';
import { GWENT, localIn } from './event-helpers';
import { type Fixture, NEWPORT_CVS, setUp, unique } from './operation-fixtures';
import type { TestApp } from './test-app';

const DYFED_POWYS = 'W15000004';
const PCC_2024 = electionRoundId('2024-05-02', ElectionKind.PCC, false);

/**
 * Fixtures run again and again in one database (six actors, then the activity test), so each
 * call takes the next date: terms, rounds and governance changes never collide.
 */
let calls = 0;
const nextDay = (from: string): string => {
  const day = new Date(`${from}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 7 * calls++);
  return day.toISOString().slice(0, 10);
};

/** A fresh, week-long, fictional interim commissioner of Gwent (recorded by the admin). */
async function freshOfficeHolder(app: TestApp): Promise<string> {
  const termStart = nextDay('2040-01-01');
  return setUp(
    app,
    'admin',
    'mutation ($input: RecordOfficeHolderInput!) { recordOfficeHolder(input: $input) { officeHolder { id } } }',
    { input: officeHolderInput(termStart) },
    ['recordOfficeHolder', 'officeHolder', 'id'],
  );
}

const officeHolderInput = (termStart: string) => {
  const end = new Date(`${termStart}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 7);
  return {
    policeForceAreaCode: GWENT,
    name: `Sam Example ${unique()} (fictional)`,
    title: 'INTERIM_COMMISSIONER',
    party: null,
    termStart,
    termEnd: end.toISOString().slice(0, 10),
  };
};

/** A fresh future PCC round contesting Gwent (scheduled by the admin). */
const freshRound = (app: TestApp): Promise<string> =>
  setUp(
    app,
    'admin',
    'mutation ($input: ScheduleElectionRoundInput!) { scheduleElectionRound(input: $input) { round { id } } }',
    { input: { pollingDay: nextDay('2060-01-06'), kind: 'PCC', policeForceAreaCodes: [GWENT] } },
    ['scheduleElectionRound', 'round', 'id'],
  );

/** A fresh public PCC hustings in Gwent organised by Newport CVS (the coordinator's). */
const freshHustings = (app: TestApp): Promise<string> =>
  setUp(
    app,
    'coordinator',
    'mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }',
    {
      input: {
        organiserOrganisationId: NEWPORT_CVS,
        policeForceAreaCode: GWENT,
        kind: 'PCC_HUSTINGS',
        title: `Hustings ${unique()} (test)`,
        start: localIn(14),
        end: localIn(14, 20),
        visibility: 'PUBLIC',
      },
    },
    ['createEvent', 'event', 'id'],
  );

export const OFFICE_FIXTURES: Record<string, Fixture> = {
  'Query.electionRounds': {
    document: '{ electionRounds(kind: PCC) { pollingDay areaCount } }',
    variables: () => ({}),
  },
  'Query.electionRound': {
    document: 'query ($id: ID!) { electionRound(id: $id) { pollingDay contests { policeForceArea { code } } } }',
    variables: () => ({ id: PCC_2024 }),
  },
  'Mutation.recordOfficeHolder': {
    document:
      'mutation ($policeForceAreaCode: String!, $name: String!, $title: OfficeTitle!, $party: String, $termStart: String!, $termEnd: String) { recordOfficeHolder(input: { policeForceAreaCode: $policeForceAreaCode, name: $name, title: $title, party: $party, termStart: $termStart, termEnd: $termEnd }) { officeHolder { id } } }',
    variables: () => officeHolderInput(nextDay('2040-01-01')),
  },
  'Mutation.updateOfficeHolder': {
    document:
      'mutation ($officeHolderId: ID!, $name: String!) { updateOfficeHolder(input: { officeHolderId: $officeHolderId, name: $name }) { officeHolder { name } } }',
    variables: async (app) => ({
      officeHolderId: await freshOfficeHolder(app),
      name: `Sam Example ${unique()} (fictional, corrected)`,
    }),
  },
  'Mutation.planGovernanceChange': {
    document:
      'mutation ($policeForceAreaCode: String!, $since: String!, $office: String!) { planGovernanceChange(input: { policeForceAreaCode: $policeForceAreaCode, type: POLICING_AND_CRIME_BOARD, office: $office, since: $since }) { office { since planned } } }',
    // Each change must start after the one before: the dates only move on.
    variables: () => ({
      policeForceAreaCode: DYFED_POWYS,
      since: nextDay('2100-01-01'),
      office: `Dyfed-Powys Policing and Crime Board ${unique()} (test)`,
    }),
  },
  'Mutation.scheduleElectionRound': {
    document:
      'mutation ($pollingDay: String!, $policeForceAreaCodes: [String!]!) { scheduleElectionRound(input: { pollingDay: $pollingDay, kind: PCC, policeForceAreaCodes: $policeForceAreaCodes }) { round { id areaCount } } }',
    variables: () => ({ pollingDay: nextDay('2060-01-06'), policeForceAreaCodes: [GWENT] }),
  },
  'Mutation.addElectionCandidate': {
    document:
      'mutation ($roundId: ID!, $policeForceAreaCode: String!, $name: String!) { addElectionCandidate(input: { roundId: $roundId, policeForceAreaCode: $policeForceAreaCode, name: $name, statementUrl: "https://example.org/statement" }) { candidate { id } } }',
    variables: () => ({ roundId: PCC_2024, policeForceAreaCode: GWENT, name: `Robin Example ${unique()} (fictional)` }),
  },
  'Mutation.linkHustings': {
    document:
      'mutation ($roundId: ID!, $eventId: ID!) { linkHustings(input: { roundId: $roundId, eventId: $eventId }) { round { id } event { id } } }',
    variables: async (app) => ({ roundId: await freshRound(app), eventId: await freshHustings(app) }),
  },
};

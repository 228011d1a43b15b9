import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { errorOf, GWENT, type Headers } from './support/event-helpers';
import { demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';
import { rowCount } from '@app/testing';

const SOUTH_WALES = 'W15000003';
const CITY_OF_LONDON = 'E23000034';

interface Holder {
  id: string;
  name: string;
  title: string;
  party: string | null;
  independent: boolean;
  termStart: string;
  termEnd: string | null;
  policeForceArea: { code: string };
}
interface Office {
  type: string;
  name: string;
  since: string | null;
  until: string | null;
  certainty: string;
  planned: boolean;
  holders: { name: string }[];
}

const HOLDER = 'id name title party independent termStart termEnd policeForceArea { code }';
const RECORD = `mutation ($input: RecordOfficeHolderInput!) { recordOfficeHolder(input: $input) { officeHolder { ${HOLDER} } } }`;
const UPDATE = `mutation ($input: UpdateOfficeHolderInput!) { updateOfficeHolder(input: $input) { officeHolder { ${HOLDER} } } }`;
const PLAN = `mutation ($input: PlanGovernanceChangeInput!) { planGovernanceChange(input: $input) {
  policeForceArea { code } office { type name since until certainty planned } } }`;
const AREA = `query ($code: String!) { policeForceArea(code: $code) {
  offices { type name since until certainty planned holders { name } }
  officeHolders { ${HOLDER} }
  currentGovernance { type } } }`;

// Fictional people only.
const FIRST = { name: 'Alex Example (fictional)', party: 'Example Party' };
const SECOND = { name: 'Bryn Example (fictional)', party: null };

describe('offices: office-holders and planned changes of governance', () => {
  let sut: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let member: Headers;
  let db: PgClient;
  let firstId: string;

  const rows = (table: string): Promise<number> => rowCount(sut.database.url, table);
  const written = async () => ({
    holders: await rows('office_holder'),
    periods: await rows('governance_period'),
    activity: await rows('activity_event'),
  });
  const record = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ recordOfficeHolder: { officeHolder: Holder } }>(
      RECORD,
      {
        input: {
          policeForceAreaCode: GWENT,
          title: 'POLICE_AND_CRIME_COMMISSIONER',
          ...input,
        },
      },
      who,
    );
  const update = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ updateOfficeHolder: { officeHolder: Holder } }>(
      UPDATE,
      { input: { officeHolderId: firstId, ...input } },
      who,
    );
  const plan = (who: Headers, input: Record<string, unknown>) =>
    sut.client.request<{ planGovernanceChange: { policeForceArea: { code: string }; office: Office } }>(
      PLAN,
      {
        input: {
          policeForceAreaCode: GWENT,
          type: 'POLICING_AND_CRIME_BOARD',
          office: 'Gwent Policing and Crime Board',
          ...input,
        },
      },
      who,
    );
  const area = async (code = GWENT) =>
    (
      await sut.client.data<{
        policeForceArea: { offices: Office[]; officeHolders: Holder[]; currentGovernance: { type: string } };
      }>(AREA, { code })
    ).policeForceArea;
  const activity = async (verb: string) =>
    (
      await db.query<{ police_force_area_code: string; visibility: string }>(
        'SELECT police_force_area_code, visibility FROM activity_event WHERE verb = $1 ORDER BY sequence',
        [verb],
      )
    ).rows;

  beforeAll(async () => {
    sut = await startTestApp();
    ({ admin, coordinator, member } = await demoCast(sut));
    db = new PgClient({ connectionString: sut.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await sut.close();
  });

  it("answers an area's offices from its governance periods, oldest first", async () => {
    expect((await area()).offices).toEqual([
      {
        type: 'PCC',
        name: 'Police and Crime Commissioner for Gwent',
        since: '2012-11-22',
        until: null,
        certainty: 'HIGH',
        planned: false,
        holders: [],
      },
    ]);
    const city = await area(CITY_OF_LONDON);
    expect(city.offices.map((o) => [o.type, o.since, o.planned])).toEqual([
      ['CITY_OF_LONDON_POLICE_AUTHORITY', null, false],
    ]);
  });

  describe('office-holders', () => {
    it('records holders (admins), listed by term in the area and in the offices they overlap', async () => {
      const first = await record(admin, { ...FIRST, termStart: '2016-05-12', termEnd: '2021-05-13' });
      expect(first.errors).toBeUndefined();
      firstId = first.data?.recordOfficeHolder.officeHolder.id ?? '';
      expect(first.data?.recordOfficeHolder.officeHolder).toMatchObject({
        ...FIRST,
        title: 'POLICE_AND_CRIME_COMMISSIONER',
        independent: false,
        termStart: '2016-05-12',
        termEnd: '2021-05-13',
        policeForceArea: { code: GWENT },
      });
      // A term ending the day the next begins does not overlap it (terms end exclusive).
      const second = await record(admin, { ...SECOND, termStart: '2021-05-13' });
      expect(second.data?.recordOfficeHolder.officeHolder).toMatchObject({ independent: true, termEnd: null });
      const gwent = await area();
      expect(gwent.officeHolders.map((h) => h.name)).toEqual([FIRST.name, SECOND.name]);
      expect(gwent.offices[0]?.holders.map((h) => h.name)).toEqual([FIRST.name, SECOND.name]);
      expect(await activity('OFFICE_HOLDER_RECORDED')).toEqual([
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
      ]);
    });

    it('lets another title overlap (a deputy serves beside the commissioner)', async () => {
      const deputy = await record(admin, {
        name: 'Cai Example (fictional)',
        title: 'DEPUTY_MAYOR_FOR_POLICING_AND_CRIME',
        termStart: '2017-01-01',
        termEnd: '2018-01-01',
      });
      expect(deputy.errors).toBeUndefined();
    });

    it.each([
      [
        'a term overlapping a holder of the same title',
        { termStart: '2020-01-01', termEnd: '2022-01-01' },
        'input.termStart',
      ],
      ['an open term overlapping an open one', { termStart: '2025-01-01' }, 'input.termStart'],
      ['a term ending the day it starts', { termStart: '2010-01-01', termEnd: '2010-01-01' }, 'input.termEnd'],
      ['a term ending before it starts', { termStart: '2010-01-01', termEnd: '2009-01-01' }, 'input.termEnd'],
      ['an unknown area', { termStart: '2010-01-01', policeForceAreaCode: 'E23000099' }, 'input.policeForceAreaCode'],
      ['a malformed area code', { termStart: '2010-01-01', policeForceAreaCode: 'Gwent' }, 'input.policeForceAreaCode'],
      ['a date that does not exist', { termStart: '2010-02-30' }, 'input.termStart'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_, input, field) => {
      const before = await written();
      const response = await record(admin, { name: 'Dee Example (fictional)', ...input });
      expect(errorOf(response)).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await written()).toEqual(before);
    });

    it('corrects a holder: fields left out keep their value, null party makes an independent', async () => {
      const response = await update(admin, { name: 'Alex Example-Jones (fictional)', party: null });
      expect(response.errors).toBeUndefined();
      expect(response.data?.updateOfficeHolder.officeHolder).toMatchObject({
        name: 'Alex Example-Jones (fictional)',
        party: null,
        independent: true,
        termEnd: '2021-05-13',
      });
      expect(await activity('OFFICE_HOLDER_UPDATED')).toHaveLength(1);
      const before = await written();
      expect((await update(admin, { party: null })).errors).toBeUndefined();
      expect(await written()).toEqual(before);
    });

    it.each([
      ['an end of term that overlaps the next holder', { termEnd: '2021-06-01' }, 'input.termEnd'],
      ['an end of term before the start', { termEnd: '2016-05-12' }, 'input.termEnd'],
      ['an unknown holder', { officeHolderId: '00000000-0000-4000-8000-000000000000' }, 'input.officeHolderId'],
      ['a blank name', { name: ' ' }, 'input.name'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_, input, field) => {
      const before = await written();
      expect(errorOf(await update(admin, input))).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await written()).toEqual(before);
    });

    it('is for platform admins only', async () => {
      const before = await written();
      const input = { name: 'Eve Example (fictional)', termStart: '2005-01-01', termEnd: '2006-01-01' };
      expect(errorOf(await record({}, input)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await record(member, input)).code).toBe('FORBIDDEN');
      expect(errorOf(await record(coordinator, input)).code).toBe('FORBIDDEN');
      expect(errorOf(await update(coordinator, { name: 'Eve Example (fictional)' })).code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
    });
  });

  describe('a planned change of governance', () => {
    const since = DateTime.now().setZone('Europe/London').plus({ years: 2 }).toISODate() ?? '';

    it('ends the open office at `since` and shows the new one as planned', async () => {
      const response = await plan(admin, { since, notes: 'Planned transfer of the PCC functions (test).' });
      expect(response.errors).toBeUndefined();
      expect(response.data?.planGovernanceChange).toEqual({
        policeForceArea: { code: GWENT },
        office: {
          type: 'POLICING_AND_CRIME_BOARD',
          name: 'Gwent Policing and Crime Board',
          since,
          until: null,
          certainty: 'MEDIUM',
          planned: true,
        },
      });
      const gwent = await area();
      expect(gwent.offices.map((o) => [o.type, o.since, o.until, o.planned])).toEqual([
        ['PCC', '2012-11-22', since, false],
        ['POLICING_AND_CRIME_BOARD', since, null, true],
      ]);
      // The open-ended holder serves on into the new office's time until told otherwise.
      expect(gwent.offices[1]?.holders.map((h) => h.name)).toEqual([SECOND.name]);
      expect(gwent.currentGovernance.type).toBe('PCC');
      expect(await activity('GOVERNANCE_CHANGE_PLANNED')).toEqual([
        { police_force_area_code: GWENT, visibility: 'PUBLIC' },
      ]);
    });

    it('records a change that has happened as not planned', async () => {
      const response = await plan(admin, {
        policeForceAreaCode: SOUTH_WALES,
        type: 'MAYOR_PCC_FUNCTIONS',
        office: 'Mayor of an example combined authority (test)',
        since: '2025-01-01',
      });
      expect(response.data?.planGovernanceChange.office).toMatchObject({ planned: false, certainty: 'HIGH' });
      expect((await area(SOUTH_WALES)).currentGovernance.type).toBe('MAYOR_PCC_FUNCTIONS');
    });

    it.each([
      ['a date not after the open office began', { since }, 'input.since'],
      ['a date before it', { since: '2020-01-01' }, 'input.since'],
      ['an unknown area', { policeForceAreaCode: 'E23000099', since: '2030-01-01' }, 'input.policeForceAreaCode'],
    ])('refuses %s as BAD_USER_INPUT naming the field, and writes nothing', async (_, input, field) => {
      const before = await written();
      expect(errorOf(await plan(admin, input))).toEqual({ code: 'BAD_USER_INPUT', field });
      expect(await written()).toEqual(before);
    });

    it('is for platform admins only', async () => {
      const before = await written();
      const input = { policeForceAreaCode: SOUTH_WALES, since: '2035-01-01' };
      expect(errorOf(await plan({}, input)).code).toBe('UNAUTHENTICATED');
      expect(errorOf(await plan(member, input)).code).toBe('FORBIDDEN');
      expect(errorOf(await plan(coordinator, input)).code).toBe('FORBIDDEN');
      expect(await written()).toEqual(before);
    });
  });
});

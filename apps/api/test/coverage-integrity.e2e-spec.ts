import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually, type GraphqlError } from '@app/testing';
import { type DemoCast, demoCast } from './support/sign-in';
import { startTestApp, type TestApp } from './support/test-app';

const DYFED_POWYS = 'W15000004';
const SOUTH_WALES = 'W15000003';
const CEREDIGION = 'W06000008';
const HARTLEPOOL = 'E06000001';
const CARDIFF = 'W06000015';

const COVERAGE = `query ($code: String!) { policeForceArea(code: $code) { coverage {
  status reasons activeNetworkCount awaitingVerificationNetworkCount memberOrganisationCount
  localAuthoritiesReached populationReached reachedLocalAuthorities { code } specialismsPresent { code }
} } }`;
const VERIFICATION = `query ($id: ID!) { organisation(id: $id) { kind verification { status verifiedAt evidence { charityNumberChecked nationalBodyMember note } } } }`;
const VERIFY = `mutation ($input: VerifyOrganisationInput!) { verifyOrganisation(input: $input) {
  organisation { id verification { status verifiedAt evidence { charityNumberChecked nationalBodyMember note } } }
} }`;
const WITHDRAW = `mutation ($input: WithdrawOrganisationVerificationInput!) { withdrawOrganisationVerification(input: $input) {
  organisation { verification { status verifiedAt } }
} }`;
const CREATE_NETWORK = `mutation ($input: CreateNetworkInput!) { createNetwork(input: $input) { network { id name status } } }`;

interface AreaCoverage {
  status: string;
  reasons: string[];
  activeNetworkCount: number;
  awaitingVerificationNetworkCount: number;
  memberOrganisationCount: number;
  localAuthoritiesReached: number;
  reachedLocalAuthorities: { code: string }[];
  specialismsPresent: { code: string }[];
}

interface Verification {
  status: string;
  verifiedAt: string | null;
  evidence: { charityNumberChecked: boolean; nationalBodyMember: boolean; note: string | null } | null;
}

describe('coverage cannot be inflated', () => {
  let sut: TestApp;
  let as: DemoCast;
  let charity = 9_500_001;

  const call = <T>(who: keyof DemoCast | 'anonymous', document: string, variables?: Record<string, unknown>) =>
    sut.client.request<T>(document, variables, who === 'anonymous' ? {} : as[who]);
  const must = async <T>(who: keyof DemoCast, document: string, variables?: Record<string, unknown>): Promise<T> => {
    const { data, errors } = await call<T>(who, document, variables);
    expect(errors).toBeUndefined();
    return data as T;
  };
  const refusal = async (who: keyof DemoCast, document: string, variables: Record<string, unknown>) => {
    const { data, errors } = await call(who, document, variables);
    expect(data).toBeNull();
    return errors?.[0] as GraphqlError;
  };
  const area = async (code: string): Promise<AreaCoverage> =>
    (await must<{ policeForceArea: { coverage: AreaCoverage } }>('member', COVERAGE, { code })).policeForceArea
      .coverage;
  /** Registers an organisation as the member login (who becomes its admin). */
  const organisation = async (name: string, kind: string, codes: string[], specialisms: string[] = []) =>
    (
      await must<{ createOrganisation: { organisation: { id: string } } }>(
        'member',
        'mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
        {
          input: {
            name: `${name} (coverage integrity test)`,
            kind,
            charityNumber: String(charity++),
            localAuthorityCodes: codes,
            specialisms,
          },
        },
      )
    ).createOrganisation.organisation.id;
  const verify = (organisationId: string) =>
    must('admin', VERIFY, { input: { organisationId, charityNumberChecked: true, nationalBodyMember: true } });
  const network = async (name: string, areaCode: string, convenorOrganisationId: string) =>
    (
      await must<{ createNetwork: { network: { id: string } } }>('member', CREATE_NETWORK, {
        input: { name, policeForceAreaCode: areaCode, convenorOrganisationId },
      })
    ).createNetwork.network.id;
  const activate = (networkId: string) =>
    must(
      'member',
      'mutation ($input: ChangeNetworkStatusInput!) { changeNetworkStatus(input: $input) { network { id } } }',
      { input: { networkId, status: 'ACTIVE' } },
    );
  const join = async (networkId: string, organisationId: string) => {
    const invited = await must<{ inviteToNetwork: { membership: { id: string } } }>(
      'member',
      'mutation ($input: InviteToNetworkInput!) { inviteToNetwork(input: $input) { membership { id } } }',
      { input: { networkId, organisationId } },
    );
    await must(
      'member',
      'mutation ($input: AnswerMembershipInput!) { answerNetworkInvitation(input: $input) { membership { id } } }',
      { input: { membershipId: invited.inviteToNetwork.membership.id, accept: true } },
    );
  };

  beforeAll(async () => {
    sut = await startTestApp();
    as = await demoCast(sut);
  });

  afterAll(async () => {
    await sut.close();
  });

  it("does not let a member from another area add its specialisms or reach to an area's coverage", async () => {
    const cvs = await organisation('Ceredigion CVS', 'CVS', [CEREDIGION]);
    await verify(cvs);
    const networkId = await network('Dyfed-Powys CJ Network (integrity test)', DYFED_POWYS, cvs);
    await activate(networkId);
    const before = await area(DYFED_POWYS);
    expect(before).toMatchObject({ activeNetworkCount: 1, localAuthoritiesReached: 1, specialismsPresent: [] });

    const womensCentre = await organisation(
      "Hartlepool Women's Centre",
      'VOLUNTARY_ORGANISATION',
      [HARTLEPOOL],
      ['WOMEN'],
    );
    await join(networkId, womensCentre);
    const after = await area(DYFED_POWYS);
    expect(after.memberOrganisationCount).toBe(2); // a member all the same
    expect(after.specialismsPresent).toEqual([]); // but Dyfed-Powys does not "have" WOMEN
    expect(after.localAuthoritiesReached).toBe(1);
    expect(after.reachedLocalAuthorities).toEqual([{ code: CEREDIGION }]);

    const national = await must<{
      coverage: { bySpecialism: { specialism: { code: string }; areas: { code: string }[] }[] };
    }>('member', '{ coverage { bySpecialism { specialism { code } areas { code } } } }');
    const women = national.coverage.bySpecialism.find((s) => s.specialism.code === 'WOMEN');
    expect(women?.areas.map((a) => a.code)).not.toContain(DYFED_POWYS);

    // Serving a Dyfed-Powys authority as well, it counts there for what it serves there.
    await must(
      'member',
      'mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { id } } }',
      { input: { id: womensCentre, localAuthorityCodes: [HARTLEPOOL, 'W06000009'] } },
    );
    const serving = await area(DYFED_POWYS);
    expect(serving.specialismsPresent).toEqual([{ code: 'WOMEN' }]);
    expect(serving.reachedLocalAuthorities.map((a) => a.code).sort()).toEqual([CEREDIGION, 'W06000009']);
  });

  describe('a CVS is a claim until a platform admin verifies it', () => {
    let cvs = '';
    let otherCvs = '';
    let networkId = '';

    beforeAll(async () => {
      cvs = await organisation('Cardiff Third Sector Council', 'CVS', [CARDIFF], ['VICTIMS']);
      otherCvs = await organisation('Cardiff Unverified CVS', 'CVS', [CARDIFF]);
    });

    it('shows an unverified CVS as awaiting verification, and refuses it convening', async () => {
      const { data } = await call<{ organisation: { verification: Verification } }>('anonymous', VERIFICATION, {
        id: cvs,
      });
      expect(data?.organisation.verification).toEqual({
        status: 'AWAITING_VERIFICATION',
        verifiedAt: null,
        evidence: null,
      });
      const refused = await refusal('member', CREATE_NETWORK, {
        input: {
          name: 'South Wales Network (integrity test)',
          policeForceAreaCode: SOUTH_WALES,
          convenorOrganisationId: cvs,
        },
      });
      expect(refused.extensions?.code).toBe('FORBIDDEN');
      expect(refused.extensions?.fields).toEqual([
        { field: 'input.convenorOrganisationId', message: 'is a CVS awaiting verification' },
      ]);
      expect(refused.message).toContain('awaiting verification');
    });

    it('lets only platform admins verify, on evidence, and only a CVS', async () => {
      const input = { organisationId: cvs, charityNumberChecked: true, nationalBodyMember: false };
      expect((await refusal('member', VERIFY, { input })).extensions?.code).toBe('FORBIDDEN');
      expect((await refusal('coordinator', VERIFY, { input })).extensions?.code).toBe('FORBIDDEN');
      const noEvidence = await refusal('admin', VERIFY, {
        input: { ...input, charityNumberChecked: false },
      });
      expect(noEvidence.extensions?.code).toBe('BAD_USER_INPUT');
      expect(noEvidence.extensions?.fields).toEqual([expect.objectContaining({ field: 'input.charityNumberChecked' })]);
      const group = await organisation('Cardiff Group', 'VOLUNTARY_ORGANISATION', [CARDIFF]);
      const notCvs = await refusal('admin', VERIFY, { input: { ...input, organisationId: group } });
      expect(notCvs.extensions?.code).toBe('CONFLICT');
      expect(notCvs.extensions?.fields).toEqual([{ field: 'input.organisationId', message: 'is not a CVS' }]);
      const { data } = await call<{ organisation: { verification: Verification | null } }>('anonymous', VERIFICATION, {
        id: group,
      });
      expect(data?.organisation.verification).toBeNull();
    });

    it('records who verified, when and on what evidence: the status public, the evidence for admins', async () => {
      const verified = await must<{ verifyOrganisation: { organisation: { verification: Verification } } }>(
        'admin',
        VERIFY,
        {
          input: {
            organisationId: cvs,
            charityNumberChecked: true,
            nationalBodyMember: true,
            note: 'WCVA member list',
          },
        },
      );
      expect(verified.verifyOrganisation.organisation.verification).toMatchObject({
        status: 'VERIFIED',
        evidence: { charityNumberChecked: true, nationalBodyMember: true, note: 'WCVA member list' },
      });
      expect(Date.parse(verified.verifyOrganisation.organisation.verification.verifiedAt ?? '')).toBeGreaterThan(
        Date.now() - 60_000,
      );
      const verifier = 'query ($id: ID!) { me { id } organisation(id: $id) { verification { verifiedBy { id } } } }';
      const admin = await must<{ me: { id: string }; organisation: { verification: { verifiedBy: { id: string } } } }>(
        'admin',
        verifier,
        { id: cvs },
      );
      expect(admin.organisation.verification.verifiedBy).toEqual({ id: admin.me.id });
      const member = await must<{ organisation: { verification: { verifiedBy: null } } }>('member', verifier, {
        id: cvs,
      });
      expect(member.organisation.verification.verifiedBy).toBeNull();
      for (const who of ['anonymous', 'member', 'partner'] as const) {
        const { data, errors } = await call<{ organisation: { verification: Verification } }>(who, VERIFICATION, {
          id: cvs,
        });
        expect(errors).toBeUndefined();
        expect(data?.organisation.verification).toMatchObject({ status: 'VERIFIED', evidence: null });
      }
      // the feed shows an item once every earlier one has committed (no gaps): wait for it
      const item = await eventually(
        async () => {
          const feed = await must<{
            activity: { edges: { node: { verb: string; payload: Record<string, unknown> } }[] };
          }>(
            'member',
            'query ($scope: ActivityScope!) { activity(scope: $scope, first: 5) { edges { node { verb payload } } } }',
            { scope: { kind: 'ORGANISATION', target: cvs } },
          );
          return feed.activity.edges.find((e) => e.node.verb === 'ORGANISATION_VERIFIED');
        },
        { what: 'the ORGANISATION_VERIFIED item in the feed' },
      );
      expect(item?.node.payload).toMatchObject({ name: 'Cardiff Third Sector Council (coverage integrity test)' });
      expect(JSON.stringify(item?.node.payload)).not.toContain('WCVA'); // the note stays with admins
    });

    it('lets a verified CVS convene, and counts its network', async () => {
      networkId = await network('South Wales Network (integrity test)', SOUTH_WALES, cvs);
      await activate(networkId);
      expect(await area(SOUTH_WALES)).toMatchObject({
        activeNetworkCount: 1,
        awaitingVerificationNetworkCount: 0,
        specialismsPresent: [{ code: 'VICTIMS' }],
      });
    });

    it('refuses handing convening over to a CVS awaiting verification', async () => {
      await join(networkId, otherCvs);
      const refused = await refusal(
        'member',
        'mutation ($input: HandOverConveningInput!) { handOverConvening(input: $input) { network { id } } }',
        { input: { networkId, fromOrganisationId: cvs, toOrganisationId: otherCvs } },
      );
      expect(refused.extensions?.code).toBe('FORBIDDEN');
      expect(refused.extensions?.fields).toEqual([
        { field: 'input.toOrganisationId', message: 'is a CVS awaiting verification' },
      ]);
    });

    it('keeps a network running when its convenor loses verification, but coverage says it awaits verification', async () => {
      const withdrawn = await must<{
        withdrawOrganisationVerification: { organisation: { verification: Verification } };
      }>('admin', WITHDRAW, { input: { organisationId: cvs } });
      expect(withdrawn.withdrawOrganisationVerification.organisation.verification).toEqual({
        status: 'AWAITING_VERIFICATION',
        verifiedAt: null,
      });
      const { data } = await call<{ network: { status: string } }>(
        'member',
        'query ($id: ID!) { network(id: $id) { status } }',
        {
          id: networkId,
        },
      );
      expect(data?.network.status).toBe('ACTIVE');
      const coverage = await area(SOUTH_WALES);
      expect(coverage).toMatchObject({
        status: 'RED',
        activeNetworkCount: 0,
        awaitingVerificationNetworkCount: 1,
        memberOrganisationCount: 0,
        localAuthoritiesReached: 0,
        specialismsPresent: [],
      });
      expect(coverage.reasons).toContain('1 active network awaiting verification of its convening CVS');
      // withdrawing again changes nothing, and is no error
      await must('admin', WITHDRAW, { input: { organisationId: cvs } });
      expect((await refusal('member', WITHDRAW, { input: { organisationId: cvs } })).extensions?.code).toBe(
        'FORBIDDEN',
      );
      // verified again, it counts again
      await verify(cvs);
      expect(await area(SOUTH_WALES)).toMatchObject({ activeNetworkCount: 1, awaitingVerificationNetworkCount: 0 });
    });
  });

  describe('one name per open network in an area', () => {
    let cvs = '';
    let networkId = '';

    beforeAll(async () => {
      cvs = await organisation('Powys CVS', 'CVS', ['W06000023']);
      await verify(cvs);
      networkId = await network('Powys Justice Forum', DYFED_POWYS, cvs);
    });

    it('refuses the same name again, whatever its case and spacing, naming input.name', async () => {
      for (const name of ['Powys Justice Forum', '  powys   JUSTICE forum ']) {
        const refused = await refusal('member', CREATE_NETWORK, {
          input: { name, policeForceAreaCode: DYFED_POWYS, convenorOrganisationId: cvs },
        });
        expect(refused.extensions?.code).toBe('CONFLICT');
        expect(refused.extensions?.fields).toEqual([
          { field: 'input.name', message: 'is taken by another open network in the area' },
        ]);
        expect(refused.message).toContain('Powys Justice Forum');
      }
    });

    it('refuses renaming a network to a name taken in its area', async () => {
      const second = await network('Powys Justice Forum II', DYFED_POWYS, cvs);
      const refused = await refusal(
        'member',
        'mutation ($input: UpdateNetworkInput!) { updateNetwork(input: $input) { network { name } } }',
        { input: { networkId: second, name: 'POWYS JUSTICE FORUM' } },
      );
      expect(refused.extensions?.code).toBe('CONFLICT');
      expect(refused.extensions?.fields).toEqual([
        { field: 'input.name', message: 'is taken by another open network in the area' },
      ]);
    });

    it('allows the name in another area, and again once the network of that name has closed', async () => {
      const cardiff = await organisation('Cardiff Voluntary Action', 'CVS', [CARDIFF]);
      await verify(cardiff);
      await network('Powys Justice Forum', SOUTH_WALES, cardiff);
      await must(
        'member',
        'mutation ($input: ChangeNetworkStatusInput!) { changeNetworkStatus(input: $input) { network { id } } }',
        { input: { networkId, status: 'CLOSED' } },
      );
      await network('Powys Justice Forum', DYFED_POWYS, cvs);
    });

    it('refuses a race for one name in the database, as a CONFLICT on input.name', async () => {
      const name = `Race Forum ${Date.now()}`;
      const results = await Promise.all(
        [0, 1, 2, 3].map(() =>
          call<{ createNetwork: { network: { id: string } } }>('member', CREATE_NETWORK, {
            input: { name, policeForceAreaCode: DYFED_POWYS, convenorOrganisationId: cvs },
          }),
        ),
      );
      expect(results.filter((r) => r.data?.createNetwork).length).toBe(1);
      for (const refused of results.filter((r) => r.errors)) {
        expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
        expect(refused.errors?.[0]?.extensions?.fields).toEqual([
          { field: 'input.name', message: 'is taken by another open network in the area' },
        ]);
      }
    });
  });
});

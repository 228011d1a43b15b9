import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { activityEntities, ActivityModule, ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { type ActorRef, DomainError } from '@app/common';
import { coverageEntities } from '@app/coverage';
import { dataSourceOptions, defaultDatabaseSettings } from '@app/database';
import { DraftingFlowsService, draftingEntities, DraftingModule, type JointPositionEntity } from '@app/drafting';
import {
  EVENTS_OPTIONS,
  type EventEntity,
  EventFlowsService,
  EventKind,
  eventsEntities,
  EventsModule,
  type EventsOptions,
} from '@app/events';
import { geographyEntities, GeographyModule } from '@app/geography';
import { identityEntities, IdentityModule } from '@app/identity';
import { influencingEntities } from '@app/influencing';
import {
  type LocalNetworkEntity,
  MembershipRole,
  type NetworkMembershipEntity,
  MembershipFlowsService,
  NetworkFlowsService,
  networksEntities,
  NetworksModule,
  NetworkStatus,
} from '@app/networks';
import {
  type OrganisationEntity,
  OrganisationKind,
  OrganisationFlowsService,
  organisationsEntities,
  OrganisationsModule,
} from '@app/organisations';
import { createTestDatabase, type TestDatabase } from './test-database';

@Module({})
class EventsOptionsModule {}

/** Events' options, given to every module as the composition root does. */
function eventsOptions(options: EventsOptions): DynamicModule {
  return {
    module: EventsOptionsModule,
    global: true,
    providers: [{ provide: EVENTS_OPTIONS, useValue: options }],
    exports: [EVENTS_OPTIONS],
  };
}

type Input<S, M extends keyof S> = S[M] extends (actor: never, input: infer I, ...rest: never[]) => unknown ? I : never;

/** A place to make things in: an area of the seeded reference data and one of its local authorities. */
export interface Place {
  readonly policeForceAreaCode: string;
  readonly localAuthorityCode: string;
}

/**
 * The integration tier's context: the bounded contexts' real modules (no API, no mocks) over a
 * database of the test file's own, and factories that make things through the flows services,
 * so what they make passed the same rules as a client's request.
 */
export interface FlowsContext {
  readonly app: INestApplication;
  readonly database: TestDatabase;
  readonly dataSource: DataSource;
  /** Someone acting with no person behind them (as the seeders do); a person where a rule needs one. */
  readonly system: ActorRef;
  readonly place: Place;
  get<T>(type: abstract new (...args: never[]) => T): T;
  /** A person working for the organisations (drafting credits words to them). */
  personFor(...organisations: readonly OrganisationEntity[]): ActorRef;
  newOrganisation(over?: Partial<Input<OrganisationFlowsService, 'create'>>): Promise<OrganisationEntity>;
  /** A CVS serving the context's local authority: it may convene there. */
  newCvs(over?: Partial<Input<OrganisationFlowsService, 'create'>>): Promise<OrganisationEntity>;
  /** A network convened by a new CVS (or `convenor`), ACTIVE unless `status` says otherwise. */
  newNetwork(options?: {
    convenor?: OrganisationEntity;
    status?: NetworkStatus;
    name?: string;
  }): Promise<{ network: LocalNetworkEntity; convenor: OrganisationEntity }>;
  /** An organisation made an active member (invited, then accepting). */
  newMember(network: LocalNetworkEntity, organisation?: OrganisationEntity): Promise<NetworkMembershipEntity>;
  newPosition(
    network: LocalNetworkEntity,
    over?: Partial<Input<DraftingFlowsService, 'create'>>,
  ): Promise<JointPositionEntity>;
  newEvent(network: LocalNetworkEntity, over?: Partial<Input<EventFlowsService, 'create'>>): Promise<EventEntity>;
  close(): Promise<void>;
}

let made = 0;
const unique = (what: string): string => `${what} ${process.pid}-${++made}`;

/** Starts the contexts' modules on a copy of the seeded template database. Close it in afterAll. */
export async function startFlowsContext({ poolSize = defaultDatabaseSettings.poolSize } = {}): Promise<FlowsContext> {
  const database = await createTestDatabase();
  let app: INestApplication | undefined;
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({ ...defaultDatabaseSettings, poolSize, url: database.url }, [
            ...activityEntities,
            ...geographyEntities,
            ...organisationsEntities,
            ...identityEntities,
            ...networksEntities,
            ...coverageEntities,
            ...eventsEntities,
            ...draftingEntities,
            ...influencingEntities,
          ]),
        ),
        ActivityModule.forRoot(),
        GeographyModule,
        OrganisationsModule,
        NetworksModule,
        DraftingModule,
        // Events' calendar feeds name their people: identity is a dependency of theirs.
        IdentityModule.register({
          jwtSecret: 'integration-tests-sign-nothing',
          accessTokenTtlSeconds: 60,
          refreshTokenTtlDays: 1,
          resetRequestPollMs: 500,
        }),
        // Reminders' queue polls rarely: these tests never wait for one.
        eventsOptions({
          databaseUrl: database.url,
          reminderLeadSeconds: 3600,
          reminderPollSeconds: 3600,
          reminderTakeoverSeconds: 3600,
        }),
        EventsModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.drop().catch(() => undefined);
    throw error;
  }
  const started = app;
  const dataSource = started.get(DataSource);
  const [place] = await dataSource.query<{ area: string; authority: string }[]>(
    `SELECT a.code AS area, la.code AS authority
       FROM police_force_area a JOIN local_authority la ON la.police_force_area_id = a.id
      ORDER BY a.code, la.code LIMIT 1`,
  );
  const get = <T>(type: abstract new (...args: never[]) => T): T => started.get(type, { strict: false });
  const system: ActorRef = { kind: 'SYSTEM' };
  const personFor = (...organisations: readonly OrganisationEntity[]): ActorRef => ({
    kind: 'PERSON',
    affiliations: organisations.map((o) => ({ organisationId: o.id })),
  });

  const ctx: FlowsContext = {
    app: started,
    database,
    dataSource,
    system,
    place: { policeForceAreaCode: place.area, localAuthorityCode: place.authority },
    get,
    personFor,
    // Organisations are registered in identity's transaction: the same service call and activity,
    // without an admin (nobody signs in here).
    newOrganisation: (over = {}) =>
      get(ActivityRecorder).transaction(async (tx, record) => {
        const created = await get(OrganisationFlowsService).create(tx, {
          name: unique('Organisation'),
          kind: OrganisationKind.VOLUNTARY_ORGANISATION,
          ...over,
        });
        await record({
          verb: ActivityVerb.ORGANISATION_CREATED,
          visibility: ActivityVisibility.PUBLIC,
          actorPersonId: null,
          organisationId: created.id,
          payload: { name: created.name, kind: created.kind },
        });
        return created;
      }),
    // A CVS as convening needs it: verified by a platform admin (through the same flow).
    newCvs: async (over = {}) => {
      const cvs = await ctx.newOrganisation({
        name: unique('CVS'),
        kind: OrganisationKind.CVS,
        localAuthorityCodes: [place.authority],
        ...over,
      });
      return get(OrganisationFlowsService).verify(null, {
        organisationId: cvs.id,
        charityNumberChecked: false,
        nationalBodyMember: true,
      });
    },
    newNetwork: async ({ convenor, status = NetworkStatus.ACTIVE, name } = {}) => {
      const cvs = convenor ?? (await ctx.newCvs());
      const flows = get(NetworkFlowsService);
      let network = await flows.create(null, {
        name: name ?? unique('Network'),
        policeForceAreaCode: place.area,
        convenorOrganisationId: cvs.id,
      });
      if (status !== NetworkStatus.FORMING) {
        network = await flows.changeStatus(null, { networkId: network.id, status: NetworkStatus.ACTIVE });
      }
      if (status !== NetworkStatus.ACTIVE && status !== NetworkStatus.FORMING) {
        network = await flows.changeStatus(null, { networkId: network.id, status });
      }
      return { network, convenor: cvs };
    },
    newMember: async (network, organisation) => {
      const member = organisation ?? (await ctx.newOrganisation());
      const flows = get(MembershipFlowsService);
      const invited = await flows.invite(null, {
        networkId: network.id,
        organisationId: member.id,
        role: MembershipRole.MEMBER,
      });
      return flows.answerInvitation(null, { membershipId: invited.id, accept: true });
    },
    newPosition: (network, over = {}) =>
      get(DraftingFlowsService).create(system, {
        networkId: network.id,
        title: unique('Position'),
        audience: 'The commissioner',
        sections: [{ heading: 'Summary', body: 'One.\n\nTwo.\n\nThree.' }],
        ...over,
      }),
    newEvent: async (network, over = {}) => {
      const { event } = await get(EventFlowsService).create(system, {
        networkId: network.id,
        kind: EventKind.NETWORK_MEETING,
        title: unique('Meeting'),
        start: '2099-01-06T18:30',
        end: '2099-01-06T20:00',
        ...over,
      });
      return event;
    },
    close: async () => {
      await started.close();
      await database.drop();
    },
  };
  return ctx;
}

/** The domain error a flow refused with (fails the test if it did not refuse, or failed otherwise). */
export async function refusalOf(work: Promise<unknown>): Promise<DomainError> {
  const outcome = await work.then(
    () => new Error('expected a refusal (DomainError), but the flow succeeded'),
    (error: unknown) => error,
  );
  if (!(outcome instanceof DomainError)) {
    throw outcome instanceof Error ? outcome : new Error('expected a refusal (DomainError)', { cause: outcome });
  }
  return outcome;
}

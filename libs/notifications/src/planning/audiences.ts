import type { PositionService } from '@app/drafting';
import type { EventService, PollService, SchedulingPollEntity } from '@app/events';
import { type Addressee, AffiliationRole, type PersonDirectory } from '@app/identity';
import { MembershipRole, MembershipStatus, type NetworkService } from '@app/networks';

export type { Addressee } from '@app/identity';

/**
 * Who an item concerns, asked of the contexts that own the answers (identity for people and
 * their affiliations, networks for members, events for answers and reminders): a consumer of
 * settled activity, reading only. Each answer carries the person's affiliations so that
 * visibility is checked without another query per person.
 */
export class Audiences {
  constructor(
    private readonly directory: PersonDirectory,
    private readonly networks: NetworkService,
    private readonly events: EventService,
    private readonly polls: PollService,
    readonly positions: PositionService,
  ) {}

  /** These people (those of them who still have an account). */
  people(personIds: readonly string[]): Promise<Addressee[]> {
    return this.directory.addressees(personIds);
  }

  /** The admins of these organisations. */
  organisationAdmins(organisationIds: readonly string[]): Promise<Addressee[]> {
    return this.directory.affiliatedWith(organisationIds, AffiliationRole.ORG_ADMIN);
  }

  /** The admins of a network's active convenors. */
  async convenorAdmins(networkId: string): Promise<Addressee[]> {
    return this.organisationAdmins(await this.networks.convenorsOf(networkId));
  }

  /** The admins of a network's active member organisations (convenors included). */
  async memberAdmins(networkId: string): Promise<Addressee[]> {
    return this.organisationAdmins(await this.networks.activeMembersOf(networkId));
  }

  /** Everyone who works for an active member of the network, or for the organisation. */
  async inNetworkOrOrganisation(networkId: string | null, organisationId: string | null): Promise<Addressee[]> {
    const members = networkId ? await this.networks.activeMembersOf(networkId) : [];
    return this.directory.affiliatedWith(organisationId ? [...members, organisationId] : members);
  }

  /**
   * Everyone who works for an organisation that may answer the network's polls (its active
   * members and convenors, not observers), leaving out the organisations named.
   */
  async pollAnswerers(networkId: string, except: ReadonlySet<string> = new Set()): Promise<Addressee[]> {
    const memberships = await this.networks.findMembershipsOfNetworks([networkId], [MembershipStatus.ACTIVE]);
    const organisations = memberships
      .filter((m) => m.role !== MembershipRole.OBSERVER && !except.has(m.organisationId))
      .map((m) => m.organisationId);
    return this.directory.affiliatedWith(organisations);
  }

  /** The people who gave a poll's answers (one per organisation and slot, whoever answered last). */
  async pollParticipants(pollId: string): Promise<Addressee[]> {
    const answers = await this.polls.answersOf([pollId]);
    return this.directory.addressees([...new Set(answers.map((a) => a.personId))]);
  }

  /** A network's name ('' for an unknown network). */
  async networkName(networkId: string): Promise<string> {
    const [network] = await this.networks.findByIds([networkId]);
    return network?.name ?? '';
  }

  /** Polls by id (their title, deadline and time zone). */
  pollsByIds(ids: readonly string[]): Promise<SchedulingPollEntity[]> {
    return this.polls.findByIds(ids);
  }

  /** The organisations that have answered a poll. */
  async organisationsThatAnswered(pollId: string): Promise<Set<string>> {
    return new Set((await this.polls.answersOf([pollId])).map((a) => a.organisationId));
  }

  /** People who answered GOING or MAYBE (any occurrence) and still hold or wait for a place. */
  async answered(eventId: string): Promise<Addressee[]> {
    return this.directory.addressees(await this.events.answeredBy(eventId));
  }

  /** The people the reminders job wrote reminders for (that occurrence). */
  async reminded(eventId: string, occurrence: string): Promise<Addressee[]> {
    return this.directory.addressees(await this.events.remindedFor(eventId, occurrence));
  }
}

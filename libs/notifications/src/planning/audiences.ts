import type { EventService } from '@app/events';
import { type Addressee, AffiliationRole, type PersonDirectory } from '@app/identity';
import type { NetworkService } from '@app/networks';

export type { Addressee } from '@app/identity';

/**
 * Who an item concerns, asked of the contexts that own the answers (identity for people and
 * their affiliations, networks for members, events for answers and reminders): a consumer of
 * settled activity, reading only. Each answer carries the person's affiliations so that
 * visibility is checked without another query per person.
 */
export class Audiences {
  constructor(
    private readonly people: PersonDirectory,
    private readonly networks: NetworkService,
    private readonly events: EventService,
  ) {}

  /** The admins of these organisations. */
  organisationAdmins(organisationIds: readonly string[]): Promise<Addressee[]> {
    return this.people.affiliatedWith(organisationIds, AffiliationRole.ORG_ADMIN);
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
    return this.people.affiliatedWith(organisationId ? [...members, organisationId] : members);
  }

  /** People who answered GOING or MAYBE (any occurrence) and still hold or wait for a place. */
  async answered(eventId: string): Promise<Addressee[]> {
    return this.people.addressees(await this.events.answeredBy(eventId));
  }

  /** The people the reminders job wrote reminders for (that occurrence). */
  async reminded(eventId: string, occurrence: string): Promise<Addressee[]> {
    return this.people.addressees(await this.events.remindedFor(eventId, occurrence));
  }
}

import type { EntityManager } from 'typeorm';

/** Someone a message may go to. */
export interface Addressee {
  readonly personId: string;
  readonly email: string;
  readonly platformAdmin: boolean;
  readonly organisationIds: string[];
}

/**
 * Who an item concerns, read in SQL from the contexts' tables (like the coverage read model):
 * a consumer of settled activity, reading only, never writing them. Each answer carries the
 * person's affiliations so that visibility is checked without another query per person.
 */
export class Audiences {
  constructor(private readonly tx: EntityManager) {}

  private people(where: string, parameters: unknown[]): Promise<Addressee[]> {
    return this.tx.query<Addressee[]>(
      `SELECT p.id AS "personId", p.email, p.platform_admin AS "platformAdmin",
              COALESCE(ARRAY(SELECT a.organisation_id::text FROM affiliation a WHERE a.person_id = p.id), '{}') AS "organisationIds"
         FROM person p
        WHERE ${where}
        ORDER BY p.id
        LIMIT 5000`,
      parameters,
    );
  }

  /** The admins of these organisations. */
  organisationAdmins(organisationIds: readonly string[]): Promise<Addressee[]> {
    return this.people(
      `p.id IN (SELECT a.person_id FROM affiliation a WHERE a.organisation_id = ANY($1::uuid[]) AND a.role = 'ORG_ADMIN')`,
      [organisationIds],
    );
  }

  /** The admins of a network's active convenors. */
  async convenorAdmins(networkId: string): Promise<Addressee[]> {
    return this.organisationAdmins(await this.activeOrganisations(networkId, `AND m.role = 'CONVENOR'`));
  }

  /** The admins of a network's active member organisations (convenors included). */
  async memberAdmins(networkId: string): Promise<Addressee[]> {
    return this.organisationAdmins(await this.activeOrganisations(networkId, ''));
  }

  private async activeOrganisations(networkId: string, andRole: string): Promise<string[]> {
    const rows = await this.tx.query<{ id: string }[]>(
      `SELECT m.organisation_id AS id FROM network_membership m WHERE m.network_id = $1 AND m.status = 'ACTIVE' ${andRole}`,
      [networkId],
    );
    return rows.map((r) => r.id);
  }

  /** Everyone who works for an active member of the network, or for the organisation. */
  inNetworkOrOrganisation(networkId: string | null, organisationId: string | null): Promise<Addressee[]> {
    return this.people(
      `p.id IN (SELECT a.person_id FROM affiliation a
                 WHERE a.organisation_id = $2
                    OR a.organisation_id IN (SELECT m.organisation_id FROM network_membership m
                                              WHERE m.network_id = $1 AND m.status = 'ACTIVE'))`,
      [networkId, organisationId],
    );
  }

  /** People who answered GOING or MAYBE (any occurrence) and still hold or wait for a place. */
  answered(eventId: string): Promise<Addressee[]> {
    return this.people(
      `p.id IN (SELECT r.person_id FROM event_rsvp r WHERE r.event_id = $1 AND r.answer IN ('GOING', 'MAYBE'))`,
      [eventId],
    );
  }

  /** The people the reminders job wrote reminders for (that occurrence). */
  reminded(eventId: string, occurrence: string): Promise<Addressee[]> {
    return this.people(
      `p.id IN (SELECT r.person_id FROM event_reminder r WHERE r.event_id = $1 AND r.occurrence_start = $2::timestamptz)`,
      [eventId, occurrence],
    );
  }
}

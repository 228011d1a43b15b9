import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AffiliationRole } from './person.enums';

/** Someone a message may go to, with their affiliations (so visibility is checked without another query). */
export interface Addressee {
  readonly personId: string;
  readonly email: string;
  readonly platformAdmin: boolean;
  readonly organisationIds: string[];
}

/** Who the people picked out are, at most this many, by id. */
const MOST_ADDRESSEES = 5000;

/** An open invitation as the invited address is told of it. */
export interface InvitationNotice {
  readonly email: string;
  readonly organisationId: string;
  readonly role: AffiliationRole;
  readonly expiresAt: Date;
  readonly inviterName: string | null;
  /** The account already holding the invited address, if any. */
  readonly personId: string | null;
}

/**
 * Read-only answers for other contexts that address people (notifications): who people are and
 * where they work, without those contexts reading identity's tables.
 */
@Injectable()
export class PersonDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private people(where: string, parameters: unknown[]): Promise<Addressee[]> {
    return this.dataSource.query<Addressee[]>(
      `SELECT p.id AS "personId", p.email, p.platform_admin AS "platformAdmin",
              COALESCE(ARRAY(SELECT a.organisation_id::text FROM affiliation a WHERE a.person_id = p.id), '{}') AS "organisationIds"
         FROM person p
        WHERE ${where}
        ORDER BY p.id
        LIMIT ${MOST_ADDRESSEES}`,
      parameters,
    );
  }

  /** These people (unknown ids are skipped). */
  addressees(personIds: readonly string[]): Promise<Addressee[]> {
    return personIds.length === 0 ? Promise.resolve([]) : this.people('p.id = ANY($1::uuid[])', [personIds]);
  }

  /** One person, or null when there is none. */
  async addressee(personId: string): Promise<Addressee | null> {
    const [person] = await this.addressees([personId]);
    return person ?? null;
  }

  /** Everyone affiliated with any of these organisations; with a role, only those holding it. */
  affiliatedWith(organisationIds: readonly string[], role?: AffiliationRole): Promise<Addressee[]> {
    if (organisationIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.people(
      `p.id IN (SELECT a.person_id FROM affiliation a
                 WHERE a.organisation_id = ANY($1::uuid[]) AND ($2::text IS NULL OR a.role::text = $2))`,
      [organisationIds, role ?? null],
    );
  }

  /** An invitation not yet accepted, or null. */
  async openInvitation(invitationId: string): Promise<InvitationNotice | null> {
    const [invitation] = await this.dataSource.query<InvitationNotice[]>(
      `SELECT i.email, i.organisation_id AS "organisationId", i.role, i.expires_at AS "expiresAt",
              p.display_name AS "inviterName",
              (SELECT x.id FROM person x WHERE x.email = i.email) AS "personId"
         FROM invitation i
         LEFT JOIN person p ON p.id = i.invited_by_id
        WHERE i.id = $1 AND i.accepted_at IS NULL`,
      [invitationId],
    );
    return invitation ?? null;
  }
}

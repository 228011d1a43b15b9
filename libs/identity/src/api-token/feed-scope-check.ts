import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Action, DomainError, ErrorCode, type RefusalReason } from '@app/common';
import { POLICE_FORCE_AREA_CODE, PoliceForceAreaService } from '@app/geography';
import { NetworkService } from '@app/networks';
import { OrganisationService } from '@app/organisations';
import type { Actor } from '../auth/actor';
import { POLICY } from '../policy/policy';
import { ApiTokenScopeKind } from './api-token.enums';

/** How a caller of the scope check words its refusals. */
export interface FeedScopeWording {
  /** What follows the feed, in messages: "token", "endpoint". */
  readonly noun: string;
  /** The reason when a network's feed is asked for by someone outside its active members. */
  readonly outsideMembership: RefusalReason;
  /** The end of that refusal's message: "may make a token for it", "may follow it". */
  readonly outsideMembershipAction: string;
}

/**
 * Which feed a read-only follower (an API token, a webhook endpoint) may be given: the scope's
 * target must exist (an unknown area, organisation or network is `NOT_FOUND`), and a network's
 * feed needs someone who may read that network's private side. Who may ask for NATIONAL is the
 * caller's rule.
 */
@Injectable()
export class FeedScopeCheck {
  constructor(
    private readonly areas: PoliceForceAreaService,
    private readonly organisations: OrganisationService,
    private readonly networks: NetworkService,
  ) {}

  async checkedTarget(
    creator: Actor,
    kind: ApiTokenScopeKind,
    target: string | null,
    wording: FeedScopeWording,
  ): Promise<string | null> {
    const field = 'input.scopeTarget';
    switch (kind) {
      case ApiTokenScopeKind.NATIONAL:
        if (target) {
          throw DomainError.invalidInput(field, `must be empty for a NATIONAL ${wording.noun}`);
        }
        return null;
      case ApiTokenScopeKind.POLICE_FORCE_AREA:
        if (!target || !POLICE_FORCE_AREA_CODE.test(target)) {
          throw DomainError.invalidInput(field, 'must be a police force area code such as E23000001');
        }
        await this.areas.getByCode(target).catch(() => {
          throw DomainError.unknown(field, `no police force area ${target}`);
        });
        return target;
      case ApiTokenScopeKind.ORGANISATION:
        if (!target || !isUUID(target)) {
          throw DomainError.invalidInput(field, 'must be the id of an organisation');
        }
        await this.organisations.getById(target).catch(() => {
          throw DomainError.invalidInput(field, 'must be the id of an organisation');
        });
        return target;
      case ApiTokenScopeKind.NETWORK: {
        if (!target || !isUUID(target)) {
          throw DomainError.invalidInput(field, 'must be the id of a network');
        }
        await this.networks.getById(target).catch(() => {
          throw DomainError.invalidInput(field, 'must be the id of a network');
        });
        const members = await this.networks.activeMembersOf(target);
        if (!POLICY[Action.PEOPLE_OF_LISTED_ORGANISATIONS].allows(creator, { organisationIds: members })) {
          const message = `only people of the network's active member organisations ${wording.outsideMembershipAction}`;
          throw new DomainError(ErrorCode.FORBIDDEN, wording.outsideMembership, `${field}: ${message}`, [
            { field, message },
          ]);
        }
        return target;
      }
    }
  }
}

import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Action, CommonRefusal, DomainError, ErrorCode } from '@app/common';
import { WebhookRefusal } from './webhooks.errors';
import { POLICE_FORCE_AREA_CODE, PoliceForceAreaService } from '@app/geography';
import { type Actor, ApiTokenScopeKind, POLICY } from '@app/identity';
import { NetworkService } from '@app/networks';
import { OrganisationService } from '@app/organisations';

/**
 * Which feed an endpoint may follow: the scopes of API tokens, with the same checks (a network
 * scope needs someone who may read the network privately), and the national feed for platform
 * admins only (it carries everything public in the country).
 */
@Injectable()
export class WebhookScope {
  constructor(
    private readonly areas: PoliceForceAreaService,
    private readonly organisations: OrganisationService,
    private readonly networks: NetworkService,
  ) {}

  async checkedTarget(creator: Actor, kind: ApiTokenScopeKind, target: string | null): Promise<string | null> {
    const field = 'input.scopeTarget';
    switch (kind) {
      case ApiTokenScopeKind.NATIONAL:
        if (!(creator.kind === 'PERSON' && creator.platformAdmin)) {
          throw new DomainError(
            ErrorCode.FORBIDDEN,
            CommonRefusal.NOT_PERMITTED,
            'input.scopeKind: only platform admins may follow the national feed',
            [{ field: 'input.scopeKind', message: 'only platform admins may follow the national feed' }],
          );
        }
        if (target) {
          throw DomainError.invalidInput(field, 'must be empty for a NATIONAL endpoint');
        }
        return null;
      case ApiTokenScopeKind.POLICE_FORCE_AREA:
        if (!target || !POLICE_FORCE_AREA_CODE.test(target)) {
          throw DomainError.invalidInput(field, 'must be a police force area code such as E23000001');
        }
        await this.areas.getByCode(target).catch(() => {
          throw DomainError.invalidInput(field, `no police force area ${target}`);
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
          throw new DomainError(
            ErrorCode.FORBIDDEN,
            WebhookRefusal.FEED_OUTSIDE_MEMBERSHIP,
            `${field}: only people of the network's active member organisations may follow it`,
            [{ field, message: "only people of the network's active member organisations may follow it" }],
          );
        }
        return target;
      }
    }
  }
}

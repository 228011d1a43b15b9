import { Injectable } from '@nestjs/common';

/** Which networks an organisation is an active member of; the networks context answers. */
export interface NetworkAudience {
  networkIdsOf(organisationIds: readonly string[]): Promise<string[]>;
}

/**
 * Where the networks context plugs in its answer (it depends on activity, not the other way
 * round). Until it does, nobody sees NETWORK items but through their organisation or as admin.
 */
@Injectable()
export class NetworkAudienceRegistry implements NetworkAudience {
  private audience: NetworkAudience | null = null;

  use(audience: NetworkAudience): void {
    this.audience = audience;
  }

  networkIdsOf(organisationIds: readonly string[]): Promise<string[]> {
    return organisationIds.length && this.audience ? this.audience.networkIdsOf(organisationIds) : Promise.resolve([]);
  }
}

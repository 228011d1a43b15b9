import { Controller, Get, Header, Headers, Param } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { Action, asHttpError, bearerToken, CommonRefusal, DomainError, ErrorCode, spreadsheetCsv } from '@app/common';
import { AuthService, PolicyService } from '@app/identity';
import { MembersExportService, NetworkService } from '@app/networks';

const COLUMNS = ['organisation', 'organisation_id', 'kind', 'role', 'status', 'member_since'];

/**
 * A network's active members as CSV, seen as the GraphQL `network` read sees them: convenors
 * always; the other members where the list is public, or to people inside the network and
 * platform admins (send `Authorization: Bearer …`). Here, not in the networks library, because
 * the operation policy's check (an API token reads within its scope) lives above the contexts.
 */
@Controller('networks')
export class NetworkMembersCsvController {
  constructor(
    private readonly exports: MembersExportService,
    private readonly networks: NetworkService,
    private readonly auth: AuthService,
    private readonly policy: PolicyService,
  ) {}

  @Get(':id/members.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="network-members.csv"')
  @Header('Cache-Control', 'private, no-store')
  async members(@Param('id') id: string, @Headers('authorization') authorization?: string): Promise<string> {
    if (!isUUID(id)) {
      throw asHttpError(new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, 'No such network'));
    }
    try {
      const actor = await this.auth.actorFor(bearerToken(authorization));
      // The `network` query's row in the operation policy: public, within an API token's scope.
      const reach = { networkId: id, policeForceAreaCode: await this.networks.areaCodeOf(id) };
      this.policy.assert(actor, Action.ANYONE, { reach });
      const rows = await this.exports.membersOf(actor, id);
      return spreadsheetCsv([
        COLUMNS,
        ...rows.map((r) => [r.organisation, r.organisationId, r.kind, r.role, r.status, r.memberSince]),
      ]);
    } catch (error) {
      throw asHttpError(error);
    }
  }
}

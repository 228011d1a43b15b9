import { Injectable } from '@nestjs/common';
import { type ActorRef, DomainError, ErrorCode } from '@app/common';
import { OrganisationService } from '@app/organisations';
import { contentHash } from '../draft-text';
import { PositionStatus } from '../drafting.enums';
import { PositionService } from '../position.service';
import type { PositionExport } from './position-export';
import { DraftingRefusal } from '../drafting.errors';

/** What an export holds: the agreed text, and the organisations whose live sign-on is on that very text. */
@Injectable()
export class PositionExportService {
  constructor(
    private readonly positions: PositionService,
    private readonly organisations: OrganisationService,
  ) {}

  async exportOf(viewer: ActorRef, positionId: string): Promise<PositionExport> {
    const position = await this.positions.getReadable(viewer, positionId);
    const agreed = [PositionStatus.AGREED, PositionStatus.SUBMITTED, PositionStatus.RESPONDED];
    if (!agreed.includes(position.status) || position.agreedRevision === null) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        DraftingRefusal.NOT_AGREED,
        `Only an agreed text is exported; this one is ${position.status}`,
      );
    }
    const sections = await this.positions.textAt(null, position.id, position.agreedRevision);
    const hash = contentHash(position.title, sections);
    const signOns = (await this.positions.signOnsOf([position.id])).filter(
      (s) => s.voidedAt === null && s.revision === position.agreedRevision && s.contentHash === hash,
    );
    const names = new Map(
      (await this.organisations.findByIds(signOns.map((s) => s.organisationId))).map((o) => [o.id, o.name]),
    );
    return {
      title: position.title,
      audience: position.audience,
      revision: position.agreedRevision,
      contentHash: hash,
      sections,
      signatories: signOns.map((s) => names.get(s.organisationId) ?? s.organisationId),
    };
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordActivity } from '@app/activity';

/** An active membership that has just ended (left or removed), in the ending transaction. */
export interface EndedMembership {
  readonly networkId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  /** Who ended it. */
  readonly actorPersonId: string | null;
}

/** Work another context does when a membership ends, in the same transaction (the network row is locked). */
export type MembershipEndedReaction = (
  tx: EntityManager,
  record: RecordActivity,
  ended: EndedMembership,
) => Promise<void>;

/**
 * How contexts that depend on networks (events: places at members-only events) react, inside
 * the membership's own transaction, to an organisation leaving or being removed. Networks cannot
 * import them (the dependency runs the other way), so they register here when their module starts.
 */
@Injectable()
export class MembershipReactions {
  private readonly ended: MembershipEndedReaction[] = [];

  onEnded(reaction: MembershipEndedReaction): void {
    this.ended.push(reaction);
  }

  async membershipEnded(tx: EntityManager, record: RecordActivity, ended: EndedMembership): Promise<void> {
    for (const reaction of this.ended) {
      await reaction(tx, record, ended);
    }
  }
}

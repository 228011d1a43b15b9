import { Injectable } from '@nestjs/common';
import { ActivityRecorder, ActivityVerb, ActivityVisibility } from '@app/activity';
import { DomainError } from '@app/common';
import { hashSecretToken, newSecretToken } from '@app/identity';
import { CalendarFeedEntity } from '../event.entities';

export const CALENDAR_TOKEN_PREFIX = 'cal_';

export interface NewCalendarFeed {
  readonly feed: CalendarFeedEntity;
  readonly token: string;
}

/** A person's private calendar feeds, created and revoked (each change with its activity). */
@Injectable()
export class CalendarFeedFlowsService {
  constructor(private readonly activity: ActivityRecorder) {}

  /** A new private feed; its secret is answered once and only its hash kept. */
  async create(personId: string, label: string | null): Promise<NewCalendarFeed> {
    const token = newSecretToken(CALENDAR_TOKEN_PREFIX);
    const feed = await this.activity.transaction(async (tx, record) => {
      const { id } = await tx.save(
        tx.create(CalendarFeedEntity, { personId, label, tokenHash: hashSecretToken(token) }),
      );
      await record({
        verb: ActivityVerb.CALENDAR_FEED_CREATED,
        visibility: ActivityVisibility.ADMIN,
        actorPersonId: personId,
        payload: { feedId: id, label },
      });
      return tx.findOneByOrFail(CalendarFeedEntity, { id });
    });
    return { feed, token };
  }

  /** Revokes one of the person's own feeds (NOT_FOUND for anyone else's); a second revoke changes nothing. */
  revoke(personId: string, feedId: string): Promise<CalendarFeedEntity> {
    return this.activity.transaction(async (tx, record) => {
      const feed = await tx.findOneBy(CalendarFeedEntity, { id: feedId, personId });
      if (!feed) {
        throw DomainError.notFound('Calendar feed', feedId);
      }
      if (feed.revokedAt) {
        record.unchanged();
        return feed;
      }
      await tx.update(CalendarFeedEntity, { id: feed.id }, { revokedAt: () => 'now()' });
      await record({
        verb: ActivityVerb.CALENDAR_FEED_REVOKED,
        visibility: ActivityVisibility.ADMIN,
        actorPersonId: personId,
        payload: { feedId: feed.id, label: feed.label },
      });
      return tx.findOneByOrFail(CalendarFeedEntity, { id: feed.id });
    });
  }
}

import { Injectable } from '@nestjs/common';
import { type ActorRef, DomainError, ErrorCode, CommonRefusal } from '@app/common';
import { OrganisationService } from '@app/organisations';
import type { EventRsvpEntity } from '../event.entities';
import { EventService } from '../event.service';
import { EventRefusal } from '../events.errors';

export interface AttendeeRow extends Pick<
  EventRsvpEntity,
  'organisationId' | 'personId' | 'answer' | 'place' | 'placeSince' | 'answeredAt'
> {
  readonly organisation: string;
}

/** An event's answers for its organisers: the `event` query's visibility, then the organisers' view of `rsvps`. */
@Injectable()
export class AttendeesExportService {
  constructor(
    private readonly events: EventService,
    private readonly organisations: OrganisationService,
  ) {}

  /** NOT_FOUND where the event cannot be seen; UNAUTHENTICATED signed out; FORBIDDEN for anyone but its organisers. */
  async attendeesOf(viewer: ActorRef, eventId: string, occurrenceStart: Date | null): Promise<AttendeeRow[]> {
    const access = await this.events.accessOf(viewer);
    const event = await this.events.getVisible(access, eventId);
    if (viewer.kind === 'ANONYMOUS') {
      throw new DomainError(
        ErrorCode.UNAUTHENTICATED,
        CommonRefusal.NOT_SIGNED_IN,
        'Sign in as one of the organisers to download the attendees',
      );
    }
    if (!access.canOrganise(await this.events.organisersOf(event.id))) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        EventRefusal.NOT_AN_ORGANISER,
        "Only the event's organisers may download its attendees",
      );
    }
    const [rsvps] = await this.events.rsvpsOf([{ eventId: event.id, occurrenceStart }]);
    const names = new Map(
      (await this.organisations.findByIds((rsvps ?? []).map((r) => r.organisationId))).map((o) => [o.id, o.name]),
    );
    return (rsvps ?? []).map((r) => ({
      organisation: names.get(r.organisationId) ?? '',
      organisationId: r.organisationId,
      personId: r.personId,
      answer: r.answer,
      place: r.place,
      placeSince: r.placeSince,
      answeredAt: r.answeredAt,
    }));
  }
}

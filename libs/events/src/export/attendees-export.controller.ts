import { Controller, Get, Header, Headers, Param, Query } from '@nestjs/common';
import { isISO8601, isUUID } from 'class-validator';
import { asHttpError, bearerToken, CommonRefusal, DomainError, ErrorCode, spreadsheetCsv } from '@app/common';
import { AuthService } from '@app/identity';
import { AttendeesExportService } from './attendees-export.service';

const COLUMNS = ['organisation', 'organisation_id', 'person_id', 'answer', 'place', 'place_since', 'answered_at'];

/**
 * An event's answers as CSV, places first then the waitlist in order: for its organisers (send
 * `Authorization: Bearer …`), as the `rsvps` field shows them. For a series, name the occurrence
 * (`?occurrenceStart=2027-01-05T18:30:00Z`).
 */
@Controller('events')
export class AttendeesExportController {
  constructor(
    private readonly exports: AttendeesExportService,
    private readonly auth: AuthService,
  ) {}

  @Get(':id/attendees.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="event-attendees.csv"')
  @Header('Cache-Control', 'private, no-store')
  async attendees(
    @Param('id') id: string,
    @Query('occurrenceStart') occurrenceStart?: string,
    @Headers('authorization') authorization?: string,
  ): Promise<string> {
    if (!isUUID(id)) {
      throw asHttpError(new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, 'No such event'));
    }
    try {
      if (occurrenceStart !== undefined && !isISO8601(occurrenceStart, { strict: true })) {
        throw DomainError.invalidInput('occurrenceStart', 'must be an ISO 8601 instant, e.g. 2027-01-05T18:30:00Z');
      }
      const rows = await this.exports.attendeesOf(
        await this.auth.actorFor(bearerToken(authorization)),
        id,
        occurrenceStart === undefined ? null : new Date(occurrenceStart),
      );
      return spreadsheetCsv([
        COLUMNS,
        ...rows.map((r) => [
          r.organisation,
          r.organisationId,
          r.personId,
          r.answer,
          r.place,
          r.placeSince.toISOString(),
          r.answeredAt.toISOString(),
        ]),
      ]);
    } catch (error) {
      throw asHttpError(error);
    }
  }
}

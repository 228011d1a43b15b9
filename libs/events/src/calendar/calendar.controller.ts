import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import etag from 'etag';
import type { Response } from 'express';
import { asHttpError, CommonRefusal, DomainError, ErrorCode } from '@app/common';
import { CalendarFeedService } from './calendar-feed.service';

const ICS = 'text/calendar; charset=utf-8';

/**
 * iCalendar over HTTP, for calendar apps to subscribe to. Network and area feeds carry public
 * events only; a person's feed is private, behind the secret in its URL.
 */
@Controller('calendars')
export class CalendarController {
  constructor(private readonly calendars: CalendarFeedService) {}

  @Get('networks/:id.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'public, max-age=300')
  network(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return tagged(res, notFoundAsHttp(isUUID(id) ? this.calendars.networkCalendar(id) : null));
  }

  @Get('areas/:code.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'public, max-age=300')
  area(@Param('code') code: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    return tagged(res, notFoundAsHttp(/^[EW]\d{8}$/.test(code) ? this.calendars.areaCalendar(code) : null));
  }

  @Get('feeds/:token.ics')
  @Header('Content-Type', ICS)
  @Header('Cache-Control', 'private, no-store')
  person(@Param('token') token: string): Promise<string> {
    return notFoundAsHttp(token.length <= 100 ? this.calendars.personCalendar(token) : null);
  }
}

/**
 * A public feed with its entity tag, so that a calendar app polling it gets a 304 without the body
 * while nothing changed (Express answers If-None-Match itself once the tag is set). Tags are made
 * here, not by Express for every response: see ExpressSettings.
 */
async function tagged(res: Response, work: Promise<string>): Promise<string> {
  const body = await work;
  res.setHeader('ETag', etag(body, { weak: true }));
  return body;
}

async function notFoundAsHttp(work: Promise<string> | null): Promise<string> {
  try {
    if (work === null) {
      throw new DomainError(ErrorCode.NOT_FOUND, CommonRefusal.NOT_FOUND, 'No such calendar');
    }
    return await work;
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) {
      throw asHttpError(new DomainError(ErrorCode.NOT_FOUND, error.reason, 'No such calendar'));
    }
    throw error;
  }
}

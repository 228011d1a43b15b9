import { Controller, Get, Header, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PersonDirectory } from '@app/identity';
import { NotificationFrequency } from '../notification.enums';
import { NOTIFICATIONS_OPTIONS, type NotificationsOptions } from '../notifications.options';
import { PreferenceService } from '../preferences/preference.service';
import { readUnsubscribeToken } from './unsubscribe-link';

/** What a link answers when its person's account was deleted since the email was sent. */
const GONE_PAGE =
  '<!doctype html><title>Convene</title><p>This account no longer exists, so no more email is sent to it. ' +
  'There is nothing to unsubscribe from.</p>';
const GONE = { unsubscribed: false, reason: 'the account no longer exists: no more email is sent to it' };

/** Whether a database error is a foreign key's (the person deleted between the check and the write). */
const isMissingPerson = (error: unknown): boolean =>
  (error as { driverError?: { code?: string } }).driverError?.code === '23503';

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * One-click unsubscribe (RFC 8058): a POST to the signed link in `List-Unsubscribe` turns the
 * category off, without signing in. A GET (a person clicking the footer link, or a mail
 * scanner following it) only shows a button that POSTs: fetching a link changes nothing.
 */
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    @Inject(NOTIFICATIONS_OPTIONS) private readonly options: NotificationsOptions,
    private readonly preferences: PreferenceService,
    private readonly people: PersonDirectory,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async page(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const request = typeof token === 'string' ? readUnsubscribeToken(this.options.secret, token) : null;
    if (!request) {
      response.status(400).send('<!doctype html><title>Convene</title><p>This unsubscribe link is not valid.</p>');
      return;
    }
    if (!(await this.people.addressee(request.personId))) {
      response.status(410).send(GONE_PAGE);
      return;
    }
    response.send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head><body>
<form method="post" action="?token=${escape(token as string)}">
<p>Stop emails about ${escape(request.category.toLowerCase().replace(/_/g, ' '))}?</p>
<button type="submit" name="List-Unsubscribe" value="One-Click">Unsubscribe</button>
</form></body></html>`);
  }

  @Post()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    const request = typeof token === 'string' ? readUnsubscribeToken(this.options.secret, token) : null;
    if (!request) {
      response.status(400).json({ unsubscribed: false, reason: 'invalid link' });
      return;
    }
    try {
      await this.preferences.set(request.personId, [
        { category: request.category, frequency: NotificationFrequency.OFF },
      ]);
    } catch (error) {
      if (isMissingPerson(error)) {
        response.status(410).json(GONE);
        return;
      }
      throw error;
    }
    response.json({ unsubscribed: true, category: request.category });
  }
}

import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The paths emailed links had before they pointed at the dashboard (see below). */
export const EMAILED_LINK_PATHS = ['accept-invitation', 'reset-password', 'confirm-email'] as const;
/** Emailed links to one item, `/<kind>/<id>` before they pointed at the dashboard's page of it. */
export const EMAILED_ITEM_KINDS = ['events', 'polls', 'positions', 'engagements'] as const;
const LINK_TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Emails now link to the dashboard's pages with the token in the fragment
 * (`/dashboard/reset-password#token=…`), which never reaches a server. Links mailed before that
 * (`/reset-password?token=…`, still valid for an hour, an invitation for a week) are sent on to the
 * same page with the token moved into the fragment; the request logger redacts `token=`.
 */
@Controller()
export class EmailedLinksController {
  @Get(EMAILED_LINK_PATHS.map((path) => `/${path}`))
  redirect(@Req() req: Request, @Res() res: Response): void {
    // Routing ignores case and a trailing slash: the page's path is ours, never echoed from the request.
    const requested = req.path.toLowerCase().replace(/\/+$/, '');
    const page = EMAILED_LINK_PATHS.find((path) => requested === `/${path}`) ?? EMAILED_LINK_PATHS[0];
    const token = typeof req.query.token === 'string' && LINK_TOKEN.test(req.query.token) ? req.query.token : null;
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, `/dashboard/${page}${token ? `#token=${token}` : ''}`);
  }

  /**
   * Links mailed before the dashboard had these pages (`/events/<id>`, `/polls/<id>`,
   * `/positions/<id>`, `/engagements/<id>`) go on to `/dashboard/<kind>/<id>`. Only a UUID is
   * carried over (lower-cased, nothing else of the request): anything else is 404, never a redirect.
   */
  @Get(EMAILED_ITEM_KINDS.map((kind) => `/${kind}/:id`))
  item(@Param('id') id: string, @Req() req: Request, @Res() res: Response): void {
    const kind = EMAILED_ITEM_KINDS.find((k) => req.path.toLowerCase().startsWith(`/${k}/`));
    if (!kind || !UUID.test(id)) {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, `/dashboard/${kind}/${id.toLowerCase()}`);
  }
}

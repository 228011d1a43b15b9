import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The paths emailed links had before they pointed at the dashboard (see below). */
export const EMAILED_LINK_PATHS = ['accept-invitation', 'reset-password', 'confirm-email'] as const;
const LINK_TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

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
}

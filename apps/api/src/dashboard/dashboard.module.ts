import { Controller, Get, Module, Redirect, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { projectRoot } from '@app/common';
import { EmailedLinksController } from './emailed-links.controller';

/** Where `vite build` (apps/dashboard) writes the page: inside dist/, so production images carry it. */
export const DASHBOARD_DIR = (): string => join(projectRoot(), 'dist', 'dashboard');

/**
 * The page may load and connect to this server only: no inline script or style, no CDN, fonts or
 * tiles. `connect-src 'self'` covers the same origin's WebSockets (ws/wss) since CSP Level 3, as
 * current Chromium, Firefox and Safari do. Nothing in it comes from the request: a policy built
 * from the Host header could be cached by a proxy for one host and served for another.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secureHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', DASHBOARD_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

const HASHED_ASSET = /^assets\/[\w.-]+-[\w-]{8,}\.\w+$/;

/**
 * Serves the built dashboard at /dashboard: its files, else index.html for the page's own routes
 * (/dashboard/areas/<code>), so a reload or a shared link opens the same page.
 */
@Controller()
export class DashboardController {
  @Get()
  @Redirect('/dashboard/', 302)
  home(): void {}

  @Get('dashboard{/*path}')
  serve(@Req() req: Request, @Res() res: Response): void {
    if (req.path === '/dashboard') {
      res.redirect(301, '/dashboard/'); // relative asset URLs need the slash
      return;
    }
    const root = DASHBOARD_DIR();
    secureHeaders(res);
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The dashboard is not built: run `npm run build` (or `npm start`, which builds it).\n');
      return;
    }
    let relativePath: string;
    try {
      relativePath = decodeURIComponent(req.path.replace(/^\/dashboard\/?/, ''));
    } catch {
      res.status(400).type('text/plain').send('Bad path\n');
      return;
    }
    const file = normalize(join(root, relativePath));
    // Dot-files (the build stamp) and dot-segments are never served, nor anything outside the build.
    const outside = !file.startsWith(root + sep) && file !== root;
    if (outside || relativePath.split('/').some((part) => part.startsWith('.'))) {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    if (extname(file) !== '' && existsSync(file) && statSync(file).isFile()) {
      // Hashed names never change content: cache them for good; anything else is revalidated.
      res.setHeader(
        'Cache-Control',
        HASHED_ASSET.test(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.sendFile(file);
      return;
    }
    if (extname(relativePath) !== '') {
      res.status(404).type('text/plain').send('Not found\n');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  }
}

/**
 * The dashboard's static files (apps/dashboard, built by Vite), `/` sending browsers to it, and the
 * older emailed links sent on to its pages.
 */
@Module({ controllers: [DashboardController, EmailedLinksController] })
export class DashboardModule {}

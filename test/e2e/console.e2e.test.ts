/**
 * The web console in a real browser (Debian's chromium, driven by playwright-core; nothing is
 * downloaded): log in, find an uploaded invoice by number, open its flow (hostile text shown
 * escaped), break delivery, see the dead letter, fix and retry it, and see the metrics move.
 * Hostile requests: no page without a session, no POST without the CSRF token, no retry or
 * download nor close for a viewer. Alerts (a dead letter raises one), partners, and closing a
 * stuck flow as IN_INCIDENTE with a reason. Screenshots of the main pages go to docs/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld } from '../support/e2e-world.js';
import { runCli } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/paths.js';
import type { SftpPartner } from '../support/sftp-partner.js';

const CHROMIUM = '/usr/bin/chromium';
const HOSTILE_SELLER = 'Acme <script>window.pwned=1</script> & Cie';
const VALID = readFileSync(
  path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'),
  'utf8',
);
const OPERATOR = { name: 'alice', password: 'alice-console-secret' };
const VIEWER = { name: 'victor', password: 'victor-console-secret' };
// docs/console/ is rewritten only on request, so that a test run leaves the checkout clean.
const UPDATE_DOCS = process.env.PASSERELLE_UPDATE_SCREENSHOTS === '1';
let SHOTS = path.join(REPO_ROOT, 'docs', 'console');

let world: E2eWorld;
let acme: SftpPartner;
let browser: Browser;
let configDir: string;
let base: string;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function logIn(
  context: BrowserContext,
  who: { name: string; password: string },
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/flows`);
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.fill('input[name=name]', who.name);
  await page.fill('input[name=password]', who.password);
  await page.click('button:has-text("Log in")');
  await page.waitForURL(`${base}/`);
  return page;
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((item) => `${item.name}=${item.value}`).join('; ');
}

beforeAll(async () => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'pl-e2e-console-'));
  const config = path.join(configDir, 'passerelle.json');
  writeFileSync(
    config,
    JSON.stringify({
      pipeline: { attempts: 2, backoffMs: 100 },
      alerts: { checkIntervalMs: 1000 },
    }),
  );
  world = await E2eWorld.create({ externalRedis: true, extraEnv: { PASSERELLE_CONFIG: config } });
  for (const [who, role] of [
    [OPERATOR, 'operator'],
    [VIEWER, 'viewer'],
  ] as const) {
    const added = runCli(
      world.env,
      ['operator', 'add', who.name, '--role', role, '--password-stdin'],
      who.password,
    );
    expect(added.status, added.stderr).toBe(0);
  }
  await world.gateway.start();
  base = world.gateway.httpUrl();
  acme = await world.supplier();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  if (!UPDATE_DOCS) SHOTS = path.join(configDir, 'screenshots');
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await acme?.end();
  await world?.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

describe('the web console', () => {
  it('refuses every page without a session and forged logins', async () => {
    for (const url of [
      '/',
      '/flows',
      '/dead-letters',
      '/directory',
      '/flows/x/original',
      '/alerts',
      '/partners',
    ]) {
      const response = await fetch(`${base}${url}`, { redirect: 'manual' });
      expect(response.status, url).toBe(303);
      expect(response.headers.get('location')).toBe('/login');
    }
    const post = await fetch(`${base}/dead-letters/retry`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=ENOENT',
      redirect: 'manual',
    });
    expect(post.status).toBe(401);
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `name=${OPERATOR.name}&password=${OPERATOR.password}`,
      redirect: 'manual',
    });
    expect(login.status).toBe(403);
  });

  it('finds an uploaded invoice by number, shows hostile data escaped, and retries a dead letter', async () => {
    const invoice = VALID.replace(
      'Acme Fournitures SAS',
      HOSTILE_SELLER.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
    await acme.put(invoice, '/in/first.xml');
    expect((await acme.waitForAcks(['first.xml'])).get('first.xml')?.state).toBe('IN_INTEGRE');

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await logIn(context, OPERATOR);
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    await page.click('header a:has-text("Flows")');
    await page.fill('input[name=q]', 'FA-2026-000123');
    await page.click('button:has-text("Search")');
    await page.screenshot({ path: path.join(SHOTS, 'flows.png'), fullPage: true });
    const links = page.locator('table a[href^="/flows/"]');
    expect(await links.count()).toBe(1);
    await links.first().click();
    await page.waitForURL(/\/flows\/\d{8}-[0-9a-f]{16}$/);
    const text = await page.textContent('main');
    expect(text).toContain('first.xml');
    expect(text).toContain(HOSTILE_SELLER);
    expect(await page.evaluate('typeof window.pwned')).toBe('undefined');
    expect(await page.content()).toContain(
      'Acme &lt;script&gt;window.pwned=1&lt;/script&gt; &amp; Cie',
    );
    await page.screenshot({ path: path.join(SHOTS, 'flow.png'), fullPage: true });

    // Break delivery: the entity's inbox is a file, so the job routing the invoice dead-letters.
    const inbox = path.join(world.homeOf('ministere'), 'inbox');
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(inbox, 'not a folder');
    await acme.put(VALID.replace('FA-2026-000123', 'FA-2026-000124'), '/in/second.xml');
    await waitFor('a dead letter in the console', async () => {
      await page.goto(`${base}/dead-letters`);
      return (await page.locator('button:has-text("Retry all")').count()) > 0 ? true : undefined;
    });
    await page.screenshot({ path: path.join(SHOTS, 'dead-letters.png'), fullPage: true });
    // The alert checks (every second here) raise DEAD_LETTERS: on the alerts page and the overview.
    await waitFor('a dead-letter alert', async () => {
      await page.goto(`${base}/alerts`);
      return (await page.locator('li:has-text("DEAD_LETTERS")').count()) > 0 ? true : undefined;
    });
    await page.screenshot({ path: path.join(SHOTS, 'alerts.png'), fullPage: true });
    await page.goto(`${base}/`);
    expect(await page.textContent('main')).toContain('dead letter');
    expect(world.gateway.log).toMatch(/"code":"DEAD_LETTERS".*"msg":"alert raised/);
    await page.goto(`${base}/dead-letters`);

    // A forged POST (right session cookie, no CSRF token) is refused and retries nothing.
    const forged = await fetch(`${base}/dead-letters/retry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: await cookieHeader(context),
      },
      body: 'code=EEXIST&code=ENOTDIR',
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    expect(await page.locator('button:has-text("Retry all")').count()).toBe(1);

    rmSync(inbox, { force: true });
    mkdirSync(inbox);
    await page.click('button:has-text("Retry all")');
    expect((await acme.waitForAcks(['second.xml'])).get('second.xml')?.state).toBe('IN_INTEGRE');
    await page.goto(`${base}/dead-letters`);
    expect(await page.textContent('main')).toContain('No dead letters.');
    expect(world.gateway.log).toMatch(/"operator":"alice".*"msg":"console: dead letters retried"/);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^passerelle_files_received_total 2$/m);
    expect(metrics).toMatch(/^passerelle_invoices\{state="DELIVERED"\} 2$/m);
    expect(metrics).toMatch(/^passerelle_sftp_logins_total [1-9]/m);
    expect(metrics).toMatch(/^passerelle_sftp_sessions 1$/m);
    expect(metrics).toMatch(/^passerelle_validation_duration_seconds_count [1-9]/m);
    expect(metrics).toMatch(/^passerelle_alerts_active\{kind="BATCH_LATE"\} 0$/m);
    await context.close();
  });

  it('closes a stuck flow as IN_INCIDENTE with a reason, and shows the partners', async () => {
    const inbox = path.join(world.homeOf('ministere'), 'inbox');
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(inbox, 'not a folder');
    await acme.put(VALID.replace('FA-2026-000123', 'FA-2026-000125'), '/in/third.xml');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await logIn(context, OPERATOR);
    await waitFor('the dead letter of third.xml', async () => {
      await page.goto(`${base}/dead-letters`);
      return (await page.locator('button:has-text("Close as IN_INCIDENTE")').count()) > 0
        ? true
        : undefined;
    });
    await page.fill('input[name=reason]', 'entity inbox unusable, ticket 4711');
    await page.click('button:has-text("Close as IN_INCIDENTE")');
    await page.waitForURL(/\/flows\/\d{8}-[0-9a-f]{16}$/);
    const ack = (await acme.waitForAcks(['third.xml'])).get('third.xml');
    expect(ack?.state).toBe('IN_INCIDENTE');
    expect(JSON.stringify(ack)).toContain('ticket 4711');
    expect(world.gateway.log).toMatch(
      /"operator":"alice".*"msg":"console: flow closed as IN_INCIDENTE"/,
    );
    await page.goto(`${base}/dead-letters`);
    expect(await page.textContent('main')).toContain('No dead letters.');
    rmSync(inbox, { force: true });
    mkdirSync(inbox);

    await page.goto(`${base}/partners`);
    const partners = await page.textContent('main');
    expect(partners).toContain('acme');
    expect(partners).toContain('ministere');
    await page.screenshot({ path: path.join(SHOTS, 'partners.png'), fullPage: true });
    await context.close();
  });

  it('lets a viewer read but not retry nor download', async () => {
    const context = await browser.newContext();
    const page = await logIn(context, VIEWER);
    await page.goto(`${base}/flows`);
    const flowUrl = await page.locator('table a[href^="/flows/"]').first().getAttribute('href');
    expect(flowUrl).toMatch(/^\/flows\//);
    await page.goto(`${base}${flowUrl ?? ''}`);
    expect(await page.locator('a:has-text("download the original")').count()).toBe(0);
    const download = await fetch(`${base}${flowUrl ?? ''}/original`, {
      headers: { cookie: await cookieHeader(context) },
    });
    expect(download.status).toBe(403);
    const csrf = await page.locator('input[name=_csrf]').first().getAttribute('value');
    const retry = await fetch(`${base}/dead-letters/retry`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: await cookieHeader(context),
      },
      body: `_csrf=${encodeURIComponent(csrf ?? '')}&code=ENOTDIR`,
      redirect: 'manual',
    });
    expect(retry.status).toBe(403);
    const flowId = (flowUrl ?? '').split('/').pop() ?? '';
    const close = await fetch(`${base}/flows/${flowId}/close`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: await cookieHeader(context),
      },
      body: `_csrf=${encodeURIComponent(csrf ?? '')}&reason=nope`,
      redirect: 'manual',
    });
    expect(close.status).toBe(403);
    await page.goto(`${base}/partners`);
    expect(await page.textContent('main')).toContain('acme');
    await context.close();
  });

  it('throttles repeated failed logins', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let status = 0;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await page.goto(`${base}/login`);
      await page.fill('input[name=name]', 'mallory');
      await page.fill('input[name=password]', `guess-${attempt}`);
      const [response] = await Promise.all([
        page.waitForResponse(
          (candidate) =>
            candidate.url().endsWith('/login') && candidate.request().method() === 'POST',
        ),
        page.click('button:has-text("Log in")'),
      ]);
      status = response.status();
    }
    expect(status).toBe(429);
    expect(await page.textContent('main')).toContain('Too many failed logins');
    await context.close();
  });
});

it('takes a screenshot of each main page', () => {
  for (const name of ['overview', 'flows', 'flow', 'dead-letters', 'alerts', 'partners'])
    expect(existsSync(path.join(SHOTS, `${name}.png`)), name).toBe(true);
});

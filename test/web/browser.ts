/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/load-demo-data';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { createTestApp, type TestApp } from '../helpers/test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Browser tests need Debian's chromium; CI installs it and must run them, a developer may lack it. */
export const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`CI must run the browser tests: ${CHROMIUM} is missing`);

export const ARTIFACTS = path.resolve(__dirname, '../artifacts');

export interface Site {
  t: TestApp;
  base: string;
  /** The SMTP server the app mails to (reset links, notifications). */
  smtp: TestSmtp;
  browser: Browser;
  close(): Promise<void>;
}

/** The app with demo data on a real port, and a headless Chromium. */
export async function openSite(): Promise<Site> {
  const smtp = await startTestSmtp();
  const t = await createTestApp({ config: { mail: smtp.config } });
  const server: Server = await new Promise((resolve) => {
    const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t.ctx.config.publicUrl = base;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return {
    t,
    base,
    smtp,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
      await smtp.close();
    },
  };
}

const DIALOGS = new WeakMap<Page, { messages: string[]; accept: boolean }>();

/**
 * The confirmation dialogs a page showed (`data-confirm`), newest last; `accept` says how the next ones
 * are answered (accepted unless told otherwise, as a user who meant to click).
 */
export function dialogsOf(page: Page): { messages: string[]; accept: boolean } {
  const d = DIALOGS.get(page);
  if (!d) throw new Error('page was not opened by logIn');
  return d;
}

/** A new browser context (own cookies) at office-screen size, logged in through the login form. */
export async function logIn(
  site: Site,
  username: string,
  viewport = { width: 1366, height: 768 },
  password = DEMO_PASSWORD,
): Promise<Page> {
  const context = await site.browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  if (process.env.BROWSER_CONSOLE) page.on('console', (m) => console.log('PAGE', m.type(), m.text()));
  const dialogs = { messages: [] as string[], accept: true };
  DIALOGS.set(page, dialogs);
  page.on('dialog', (dialog) => {
    dialogs.messages.push(dialog.message());
    void (dialogs.accept ? dialog.accept() : dialog.dismiss());
  });
  await page.goto(`${site.base}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules: labels, names, contrast, landmarks, ARIA) on the page and
 * fails listing every violation. axe is evaluated through the DevTools protocol, so the page's CSP,
 * which forbids injected scripts, stays on.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  const list = (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes
        .map((n) => JSON.stringify(n.target))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(list, `accessibility of ${name}`).toEqual([]);
}

/** Where the user guide's pictures live (served at /assets/guide/). */
export const GUIDE_PICTURES = path.resolve(__dirname, '../../src/web/assets/guide');

/**
 * Takes a picture for the user guide (what the screen shows, as JPEG) when GUIDE_PICTURES=1; the guide
 * names the files, and the committed pictures are refreshed by running the browser test that way.
 */
export async function guidePicture(page: Page, file: string): Promise<void> {
  if (process.env.GUIDE_PICTURES !== '1') return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(GUIDE_PICTURES, file), type: 'jpeg', quality: 70 });
}

/** Saves a full-page screenshot under test/artifacts/ for review. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

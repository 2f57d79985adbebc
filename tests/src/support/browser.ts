import { mkdirSync } from 'node:fs';
import { createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { SEEDED_DB_TIMEOUT, TEST_AS_OF } from '@bixue/db/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { OUTPUT_DIR, type RunningApp, startApp } from './app.ts';

/** Debian's chromium: playwright's own browser download cannot work here. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

/** Collects console errors and failed page scripts so a test can assert there were none. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export async function login(page: Page, baseUrl: string, username: string, password = 'bixue-demo'): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/**
 * Waits for the page's CSS transitions (a menu fading in, a sub-menu unfolding) to end: on a loaded
 * machine a click on an item still moving can land without effect.
 */
export async function transitionsDone(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

/** tests/output/, or BIXUE_SHOTS_DIR when a run keeps its screenshots apart (one worktree's from another's) */
export function screenshotPath(name: string): string {
  const dir = process.env.BIXUE_SHOTS_DIR;
  if (!dir) return `${OUTPUT_DIR}${name}.png`;
  mkdirSync(dir, { recursive: true });
  return `${dir.replace(/\/?$/, '/')}${name}.png`;
}

/** The server and the Chromium of one test file: started together before its tests, closed after. */
export function useAppAndBrowser(): {
  readonly app: RunningApp;
  readonly browser: Browser;
} {
  const env = {} as { app: RunningApp; browser: Browser };
  beforeAll(async () => {
    // a fixed day for the server, whatever the calendar says (the pages take their today from the
    // server): the demo's TEST_AS_OF, in every file; time still flows from there
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true, now: TEST_AS_OF });
    [env.app, env.browser] = await Promise.all([startApp(), launchBrowser()]);
  }, SEEDED_DB_TIMEOUT);
  afterAll(async () => {
    await env.browser?.close();
    await env.app?.close();
    vi.useRealTimers();
  });
  return env;
}

/** The tRPC API of the running app as a demo user: the independent path tests compare the screen with. */
export async function apiAs(app: RunningApp, username: string): Promise<ReturnType<typeof createCaller>> {
  return createCaller(await demoContext(app.handle.db, app.handle.kind, username));
}

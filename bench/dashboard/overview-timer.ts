import type { Browser, BrowserContext } from 'playwright-core';

declare global {
  interface Window {
    /** performance.now() of the first frame with every chart of the overview drawn */
    __overviewDrawnAt?: number;
    __overviewFailed?: string;
  }
}

/**
 * Runs in the page from its first script on: each frame, are all the overview's cards past
 * loading and all its charts drawn (ranking, heatmap and counts at least)? Times are taken in the
 * page, from navigation start, so the driver's round trips are not in them. Plain JS text: tsx
 * would wrap a function's inner closures in helpers the page does not have.
 */
const WATCH_OVERVIEW = `
  const named = ['card-ranking', 'card-heatmap', 'card-counts'];
  const check = () => {
    const root = document.querySelector('[data-testid=overview]');
    const cards = root ? [...root.querySelectorAll('section.card')] : [];
    const failed = cards.find((c) => c.dataset.state === 'error');
    if (failed) return void (window.__overviewFailed = failed.dataset.testid || 'a card');
    const done =
      cards.length > 0 &&
      cards.every((c) => c.dataset.state !== 'loading') &&
      [...root.querySelectorAll('.chart')].every((c) => c.dataset.drawn === '1') &&
      named.every((id) => root.querySelector('[data-testid=' + id + '] .chart[data-drawn="1"]'));
    if (done) window.__overviewDrawnAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

export interface OverviewTimer {
  /** one full page load of `/overview?query`: ms from navigation start to every chart drawn */
  time(query: string): Promise<number>;
  screenshot(query: string, path: string): Promise<void>;
  close(): Promise<void>;
}

/** A signed-in browser context of its own (cookies are per host, not per port) on one server. */
export async function overviewTimer(browser: Browser, base: string): Promise<OverviewTimer> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', 'bixue-demo');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await context.addInitScript({ content: WATCH_OVERVIEW });
  const load = async (query: string) => {
    await page.goto('about:blank');
    await page.goto(`${base}/overview${query ? `?${query}` : ''}`);
    const outcome = await page.waitForFunction(() => window.__overviewDrawnAt ?? window.__overviewFailed, null, {
      timeout: 120_000,
    });
    const v = (await outcome.jsonValue()) as number | string;
    if (typeof v === 'string') throw new Error(`overview ${query}: ${v} failed to load`);
    return v;
  };
  return {
    time: async (query) => Math.round(await load(query)),
    screenshot: async (query, path) => {
      await load(query);
      await page.screenshot({ path, fullPage: true });
    },
    close: () => context.close(),
  };
}

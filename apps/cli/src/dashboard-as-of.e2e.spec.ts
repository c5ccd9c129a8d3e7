import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cli } from '../test/execution-cli';
import {
  attempts,
  browserMissing,
  exampleLedger,
  launchBrowser,
  overflowsSideways,
  readUntil,
  SCREENSHOTS,
  serve,
  Served,
} from '../test/dashboard-browser';

jest.setTimeout(60_000);

if (browserMissing) console.warn(browserMissing);

interface HistoryEvent {
  position: string;
  type: string;
}

(browserMissing ? describe.skip : describe)('the dashboard as of a moment, over serve on the examples ledger', () => {
  let dir: Awaited<ReturnType<typeof exampleLedger>>;
  let served: Served;
  let browser: Browser;
  let page: Page;
  /** The position of EX-2's first failed attempt, and how many of its events came up to it. */
  let early: { position: string; events: number; total: number };

  const banner = () => page.locator('#as-of-banner');
  const attemptsCell = (id: string) => page.locator(`tr[data-task="${id}"] td.number`).first().textContent();

  beforeAll(async () => {
    [dir, browser] = await Promise.all([exampleLedger('dashboard-as-of'), launchBrowser()]);
    served = await serve(dir.path);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const history = (await (await fetch(`${served.address}/tasks/EX-2/history?limit=500`)).json()) as {
      events: HistoryEvent[];
    };
    const failed = history.events.findIndex((event) => event.type === 'TaskAttemptFailed');
    early = { position: history.events[failed]!.position, events: failed + 1, total: history.events.length };
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.remove();
  });

  it('sets a position from the header by keyboard: every view shows fewer attempts and events, the banner names it', async () => {
    await page.goto(`${served.address}/#/tasks`);
    await page.locator('tr[data-task="EX-2"]').waitFor();
    expect(await attemptsCell('EX-2')).toBe('3');
    expect(await banner().isHidden()).toBe(true);

    await page.getByLabel('As of', { exact: true }).selectOption('position');
    await page.getByLabel('As-of position').fill(early.position);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`\\?asOf=position%3A${early.position}#/tasks$`));
    expect(await readUntil(() => attemptsCell('EX-2'), '1')).toBe('1');
    expect(await readUntil(() => banner().getAttribute('data-position'), early.position)).toBe(early.position);
    expect(await banner().textContent()).toMatch(
      new RegExp(`^⏸ As of ledger position ${early.position} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\)`),
    );
    expect(await page.locator('#live-state').textContent()).toBe('⏸ live updates paused');

    await page.locator('tr[data-task="EX-2"] th a').click();
    await page.locator('.history details').first().waitFor();
    expect(await attempts(page)).toEqual(['failed/network']);
    expect(await page.locator('#history-title').textContent()).toBe(`Event history (${early.events} events)`);
    expect(page.url()).toContain(`?asOf=position%3A${early.position}#/task/EX-2`);
    await page.screenshot({ path: join(SCREENSHOTS, 'as-of-task.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsSideways(page)).toBe(false);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens a shared as-of URL at the same moment, and Now goes back to the live numbers', async () => {
    const shared = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await shared.goto(`${served.address}/?asOf=position%3A${early.position}#/task/EX-2`);
    await shared.locator('.history details').first().waitFor();
    expect(await attempts(shared)).toEqual(['failed/network']);
    expect(await shared.locator('#as-of-banner').getAttribute('data-position')).toBe(early.position);
    expect(await shared.getByLabel('As-of position').inputValue()).toBe(early.position);
    await shared.screenshot({ path: join(SCREENSHOTS, 'as-of-shared.png'), fullPage: true });

    await shared.getByRole('button', { name: 'Now' }).click();
    await shared.waitForURL(/\/#\/task\/EX-2$/);
    const bars = () => attempts(shared);
    expect(await readUntil(bars, ['failed/network', 'failed/network', 'completed/'])).toEqual([
      'failed/network',
      'failed/network',
      'completed/',
    ]);
    expect(await shared.locator('#history-title').textContent()).toBe(`Event history (${early.total} events)`);
    expect(await shared.locator('#as-of-banner').isHidden()).toBe(true);
    expect(await readUntil(() => shared.locator('#live-state').getAttribute('data-position'), null, 500)).not.toBe(
      null,
    );
    await shared.close();
  });

  it('keeps still while a moment is set, even when another process reports, and follows live again after Now', async () => {
    await page.goto(`${served.address}/?asOf=position%3A${early.position}#/task/EX-7`);
    await page.locator('.history details').first().waitFor();
    const before = await page.locator('.history details').count();
    expect(await (await cli(['report', 'EX-7', 'start'], { cwd: dir.path })).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await page.locator('.history details').count()).toBe(before);
    expect(await page.locator('.timeline .attempt[data-outcome="running"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Now' }).click();
    await page.locator('.timeline .attempt[data-outcome="running"]').waitFor({ timeout: 2000 });
    expect(await page.locator('.history details').count()).toBeGreaterThan(before);
    await cli(['report', 'EX-7', 'complete'], { cwd: dir.path });
    await page.locator('.timeline .attempt[data-outcome="completed"]').waitFor({ timeout: 2000 });
  });

  it('takes a UTC time too (one before the first event shows the empty ledger), and Back and Forward move between moments', async () => {
    await page.goto(`${served.address}/#/`);
    await page.locator('[data-card="tasks"]').waitFor();
    await page.getByLabel('As of', { exact: true }).selectOption('time');
    await page.getByLabel('As-of time (UTC)').fill('2020-01-01T00:00:01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\?asOf=2020-01-01T00%3A00%3A01Z#\/$/);
    const tasks = () => page.locator('[data-card="tasks"] strong').textContent();
    expect(await readUntil(tasks, '0')).toBe('0');
    expect(await readUntil(() => banner().getAttribute('data-position'), 'none')).toBe('none');
    expect(await banner().textContent()).toContain('As of before the first event');
    await page.getByRole('button', { name: 'Now' }).click();
    expect(await readUntil(tasks, '8')).toBe('8');
    await page.goBack();
    expect(await readUntil(tasks, '0')).toBe('0');
    expect(await readUntil(() => banner().getAttribute('data-position'), 'none')).toBe('none');
    expect(await page.getByLabel('As-of time (UTC)').inputValue()).toBe('2020-01-01T00:00:01');
    await page.goForward();
    expect(await readUntil(tasks, '8')).toBe('8');
    expect(await banner().isHidden()).toBe(true);
  });

  it('says which forms a moment may take when the URL holds one the API refuses', async () => {
    await page.goto(`${served.address}/?asOf=yesterday#/`);
    const text = await readUntil(async () => (await banner().textContent())?.startsWith('⚠') ?? false, true);
    expect(text).toBe(true);
    expect(await banner().textContent()).toContain('“yesterday”');
    expect(await banner().textContent()).toContain('position:<n>');
    expect(await page.locator('#load-error').isHidden()).toBe(true);
    expect(await page.locator('h1').textContent()).toBe('Overview');
  });
});

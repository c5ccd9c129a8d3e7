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
  taskRows,
} from '../test/dashboard-browser';

jest.setTimeout(60_000);

if (browserMissing) console.warn(browserMissing);

(browserMissing ? describe.skip : describe)('the dashboard in Chromium, over serve on the examples ledger', () => {
  let dir: Awaited<ReturnType<typeof exampleLedger>>;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const open = async (hash: string, ready: string) => {
    await page.goto(`${served.address}/${hash}`);
    await page.locator(ready).first().waitFor();
  };
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  /** At 390 px wide nothing scrolls the page sideways (wide tables scroll in their own box). */
  const narrow = async (name: string) => {
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await overflowsSideways(page)).toBe(false);
    await shot(`${name}-390`);
    await page.setViewportSize({ width: 1280, height: 800 });
  };

  beforeAll(async () => {
    [dir, browser] = await Promise.all([exampleLedger('dashboard'), launchBrowser()]);
    served = await serve(dir.path);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.remove();
  });

  it('overview: counts by status, success rate, percentiles, errors, both daily charts, and a healthy corner', async () => {
    await open('#/', '[data-card="tasks"]');
    await page.locator('.chart canvas').nth(1).waitFor();
    expect(await page.locator('[data-card="tasks"] strong').textContent()).toBe('8');
    expect(await page.locator('[data-card="success-rate"] strong').textContent()).toBe('80.0%');
    expect(await page.locator('[data-card="retries"] strong').textContent()).toBe('3');
    expect(await page.locator('[data-card="p95"] strong').textContent()).toMatch(/\d/);
    const byStatus = await page.locator('[data-table="by-status"] tbody tr').allTextContents();
    expect(byStatus).toEqual(expect.arrayContaining(['✓ completed5', '✕ failed1', '⤼ skipped2']));
    expect(await page.locator('#projection-health').textContent()).toBe('✓ lag 0 · dead letters 0');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.id + location.hash')).toBe('view#/');
    await shot('overview');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.chart canvas').nth(1).waitFor();
    expect(await overflowsSideways(page)).toBe(false);
    await shot('overview-390');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('tasks: every task, filtered by status, priority, category and text, sorted by a column, paged, linking dependencies', async () => {
    await open('#/tasks', 'table.tasks tbody tr');
    expect(await taskRows(page)).toEqual(['EX-0', 'EX-1', 'EX-2', 'EX-3', 'EX-4', 'EX-5', 'EX-6', 'EX-7']);
    expect(await page.locator('tr[data-task="EX-2"]').textContent()).toContain('network');
    await shot('tasks');
    await narrow('tasks');

    await page.getByLabel('Execution status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    expect(await readUntil(() => taskRows(page), ['EX-4'])).toEqual(['EX-4']);
    await page.getByLabel('Execution status').selectOption('');
    await page.getByLabel('Priority').selectOption('medium');
    expect(await readUntil(() => taskRows(page), ['EX-3', 'EX-5', 'EX-7'])).toEqual(['EX-3', 'EX-5', 'EX-7']);
    await page.getByLabel('Priority').selectOption('');
    await page.getByLabel('Last error category').selectOption('network');
    expect(await readUntil(() => taskRows(page), ['EX-2'])).toEqual(['EX-2']);
    await page.getByLabel('Last error category').selectOption('');
    await page.getByLabel('Search id or title').fill('release');
    await page.keyboard.press('Enter');
    expect(await readUntil(() => taskRows(page), ['EX-3', 'EX-6', 'EX-7'])).toEqual(['EX-3', 'EX-6', 'EX-7']);

    await open('#/tasks', 'table.tasks tbody tr');
    const sortButton = page.locator('button[data-sort="executionTimeMs"]');
    await sortButton.focus();
    await page.keyboard.press('Enter');
    const order = async (sort: string) =>
      ((await (await fetch(`${served.address}/tasks?sort=${sort}`)).json()) as { items: { id: string }[] }).items.map(
        (task) => task.id,
      );
    const ascending = await order('executionTimeMs');
    expect(ascending.slice(0, 4).sort()).toEqual(['EX-0', 'EX-4', 'EX-6', 'EX-7']);
    expect(await readUntil(() => taskRows(page), ascending)).toEqual(ascending);
    const sortHeader = page.locator('th:has(button[data-sort="executionTimeMs"])');
    expect(await sortHeader.getAttribute('aria-sort')).toBe('ascending');
    const focused = () => page.evaluate<string>('document.activeElement.id');
    expect(await readUntil(focused, 'sort-executionTimeMs')).toBe('sort-executionTimeMs');
    await page.locator('button[data-sort="executionTimeMs"]').click();
    expect(await readUntil(async () => (await taskRows(page))[0], 'EX-3')).toBe('EX-3');
    expect(await sortHeader.getAttribute('aria-sort')).toBe('descending');

    await open('#/tasks?size=3', 'table.tasks tbody tr');
    expect(await taskRows(page)).toEqual(['EX-0', 'EX-1', 'EX-2']);
    const nextPage = page.getByRole('button', { name: 'Next page →' });
    await nextPage.click();
    expect(await readUntil(() => taskRows(page), ['EX-3', 'EX-4', 'EX-5'])).toEqual(['EX-3', 'EX-4', 'EX-5']);
    await nextPage.click();
    expect(await readUntil(() => taskRows(page), ['EX-6', 'EX-7'])).toEqual(['EX-6', 'EX-7']);
    expect(await nextPage.isDisabled()).toBe(true);
    await page.getByRole('button', { name: '← Previous page' }).click();
    expect(await readUntil(() => taskRows(page), ['EX-3', 'EX-4', 'EX-5'])).toEqual(['EX-3', 'EX-4', 'EX-5']);

    await open('#/tasks', 'table.tasks tbody tr');
    await page.locator('tr[data-task="EX-1"] td a', { hasText: 'EX-0' }).click();
    await page.waitForURL(/#\/task\/EX-0$/);
    expect(await page.locator('h1').textContent()).toBe('Task EX-0');
  });

  it('task: its timeline has one bar per attempt with the right categories, above its full event history', async () => {
    await open('#/task/EX-2', '.timeline .attempt');
    expect(await attempts(page)).toEqual(['failed/network', 'failed/network', 'completed/']);
    const history = (await (await fetch(`${served.address}/tasks/EX-2/history?limit=500`)).json()) as {
      events: unknown[];
    };
    expect(await page.locator('.history details').count()).toBe(history.events.length);
    expect(await page.locator('#history-title').textContent()).toBe(`Event history (${history.events.length} events)`);
    await page.locator('.history summary').first().click();
    expect(await page.locator('.history details[open] pre').textContent()).toContain('"correlationId"');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: served.address });
    await page.getByRole('button', { name: /Copy/ }).click();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('taskledger history EX-2');
    await shot('task');

    await open('#/task/EX-3', '.timeline .attempt');
    expect(await attempts(page)).toEqual(['failed/timeout', 'completed/']);
    await open('#/task/EX-4', '.timeline .attempt');
    expect(await attempts(page)).toEqual(['failed/permission']);
    await narrow('task');
  });

  it('errors: categories with the tasks they hit, fingerprints with examples, recovery actions, retry patterns', async () => {
    await open('#/errors', '[data-table="fingerprints"] tbody tr');
    expect(await page.locator('[data-table="categories"] tbody tr').allTextContents()).toEqual([
      'network250.0%EX-2',
      'permission125.0%EX-4',
      'timeout125.0%EX-3',
    ]);
    expect(await page.locator('[data-table="fingerprints"] tbody tr').count()).toBe(3);
    expect(await page.locator('[data-table="fingerprints"]').textContent()).toContain('ECONNRESET');
    const reset = page.locator('[data-table="fingerprints"] tbody tr', { hasText: 'ECONNRESET' });
    expect(await reset.locator('a').allTextContents()).toEqual(['EX-2']);
    expect(await page.locator('[data-table="recovery"] tbody tr').allTextContents()).toEqual(
      expect.arrayContaining(['backoff2200100.0%']),
    );
    expect(await page.locator('[data-table="retries"] caption').textContent()).toContain('2 of 5 executions retried');
    await shot('errors');
    await narrow('errors');
  });

  it('live: a report from another process shows up without a reload, within 2 s', async () => {
    await open('#/task/EX-7', '.history details');
    const before = await page.locator('.history details').count();
    const marker = await page.evaluate<number>('window.marker = Date.now()');
    const report = await cli(['report', 'EX-7', 'start'], { cwd: dir.path });
    expect(report.code).toBe(0);
    await page.locator('.timeline .attempt[data-outcome="running"]').waitFor({ timeout: 2000 });
    expect(await page.locator('.history details').count()).toBe(before + 1);

    await cli(['report', 'EX-7', 'progress', '0.5', 'half the notes read'], { cwd: dir.path });
    await page.locator('.timeline .mark').waitFor({ timeout: 2000 });
    await cli(['report', 'EX-7', 'complete'], { cwd: dir.path });
    await page.locator('.timeline .attempt[data-outcome="completed"]').waitFor({ timeout: 2000 });
    expect(await page.evaluate<number>('window.marker')).toBe(marker);

    await open('#/', '[data-card="tasks"]');
    const executions = () => page.locator('[data-card="executions"] strong').textContent();
    expect(await readUntil(executions, '6')).toBe('6');
    await cli(['report', 'EX-6', 'start'], { cwd: dir.path });
    await cli(['report', 'EX-6', 'fail', '--error', 'announcement rejected: 403 forbidden'], { cwd: dir.path });
    expect(await readUntil(executions, '7', 2000)).toBe('7');
  });
});

(browserMissing ? describe.skip : describe)('the dashboard behind a token', () => {
  let dir: Awaited<ReturnType<typeof exampleLedger>>;
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    [dir, browser] = await Promise.all([exampleLedger('dashboard-token'), launchBrowser()]);
    served = await serve(dir.path, { TASKLEDGER_API_TOKEN: 'open-sesame' });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    dir?.remove();
  });

  it('loads the page without the token, asks for it once, says when it is refused, and keeps it for the tab', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const response = await page.goto(`${served.address}/`);
    expect(response?.status()).toBe(200);
    const dialog = page.getByRole('dialog', { name: 'API token' });
    await dialog.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'token.png') });
    await page.locator('#token-input').fill('wrong');
    await page.keyboard.press('Enter');
    const reason = () => page.locator('#token-reason').textContent();
    expect(await readUntil(async () => (await reason())?.includes('refused'), true)).toBe(true);
    await page.locator('#token-input').fill('open-sesame');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('[data-card="tasks"]').waitFor();
    expect(await page.locator('[data-card="tasks"] strong').textContent()).toBe('8');

    await page.reload();
    await page.locator('[data-card="tasks"]').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await page.close();
  });
});

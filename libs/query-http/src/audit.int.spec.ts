import { serveLedgerOverSqlite } from '../test/served-ledger';

const RULES = {
  version: 3,
  rules: [
    {
      id: 'refused',
      description: '',
      match: { text: 'connection refused' },
      category: 'database',
      severity: 'critical',
    },
    { id: 'slow', description: '', match: { timedOut: true }, category: 'timeout', severity: 'high' },
  ],
};

describe('POST /what-if and POST /reclassify over real HTTP and SQLite files', () => {
  let base: string;
  let close: () => Promise<void>;
  const token = 'audit-test-token';
  const post = (path: string, body: unknown, authorised = true) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorised ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const historyTypes = async (task: string) =>
    (
      (await (
        await fetch(`${base}/tasks/${task}/history`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        events: { type: string }[];
      }
    ).events.map((event) => event.type);

  beforeAll(async () => {
    ({ base, close } = await serveLedgerOverSqlite(token));
  });
  afterAll(() => close());

  it('needs the bearer token like every other route', async () => {
    expect((await post('/what-if', {}, false)).status).toBe(401);
    expect((await post('/reclassify', { rules: RULES }, false)).status).toBe(401);
  });

  it('replays the executions under the posted policies: no network retry fails the task that needed one, a timeout retry has no recorded end', async () => {
    const response = await post('/what-if', { network: { maxRetries: 0 } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as { changes: unknown[]; tasksWithChangedOutcome: string[]; total: unknown };
    expect(report.tasksWithChangedOutcome).toEqual(['B-2']);
    expect(report.changes).toEqual([
      expect.objectContaining({
        taskId: 'B-2',
        change: 'stopped-earlier',
        replayed: expect.objectContaining({ outcome: 'failed' }),
      }),
      expect.objectContaining({
        taskId: 'B-3',
        change: 'needs-more-attempts',
        replayed: expect.objectContaining({ outcome: 'unknown' }),
      }),
    ]);
    expect(report.total).toMatchObject({
      recorded: { executions: 4, succeeded: 2, failed: 1, unfinished: 1, retries: 1 },
    });
    const again = await post('/what-if', { network: { maxRetries: 0 } });
    expect(await again.text()).toBe(JSON.stringify(report));
  });

  it('answers 400 naming the field for a policy the config would refuse', async () => {
    const response = await post('/what-if', { netwrk: { maxRetries: 1 } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'BadRequest', field: 'netwrk' });
  });

  it('shows what a dry run would change and appends nothing', async () => {
    const response = await post('/reclassify', { dryRun: true, rules: RULES });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      dryRun: true,
      failures: 2,
      changed: 2,
      appended: 0,
      categories: [
        { from: 'network', to: 'database', count: 1 },
        { from: 'timeout', to: 'timeout', count: 1 },
      ],
    });
    expect(await historyTypes('B-2')).not.toContain('ErrorReclassified');
  });

  it('appends ErrorReclassified events, and nothing the second time', async () => {
    expect(await (await post('/reclassify', { rules: RULES })).json()).toMatchObject({ changed: 2, appended: 2 });
    expect(await historyTypes('B-2')).toContain('ErrorReclassified');
    expect(await (await post('/reclassify', { rules: RULES })).json()).toMatchObject({ changed: 0, appended: 0 });
    expect((await historyTypes('B-3')).filter((type) => type === 'ErrorReclassified')).toHaveLength(1);
  });

  it('answers 400 naming the rule field that is wrong', async () => {
    const bad = { rules: { version: 1, rules: [{ ...RULES.rules[0], match: { text: '(' } }] } };
    const response = await post('/reclassify', bad);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: 'BadRequest',
      field: 'rules.rules.0.match.text',
      reason: 'must be a valid regular expression',
    });
  });
});

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli, workDir } from '../test/run-cli';

const header =
  '| ID | Title | 🔥P | 🎯Points | Status | Problem/Outcome | Tech Footprint | Dependencies |\n|---|---|---|---|---|---|---|---|\n';

describe('taskledger serve', () => {
  const dir = workDir('serve');
  afterAll(() => dir.remove());

  it('serves the query API on loopback, projecting new events in-process, behind the token when set, with both metrics at /prometheus', async () => {
    writeFileSync(join(dir.path, '000_backlog.md'), `${header}| B-1 | One | 🔥 | 1 | todo | x | y | None |\n`);
    await runCli(['parse'], { cwd: dir.path });
    const env = { ...process.env, TASKLEDGER_API_TOKEN: 's3cret' };
    const server = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: dir.path, env });
    try {
      const address = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        server.stderr.on('data', (chunk) => {
          stderr += chunk;
          const match = /query API on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
          if (match) resolve(match[1]!);
        });
        server.on('exit', () => reject(new Error(stderr)));
      });
      expect((await fetch(`${address}/health`)).status).toBe(200);
      expect((await fetch(`${address}/status`)).status).toBe(401);
      const authorised = { headers: { authorization: 'Bearer s3cret' } };
      writeFileSync(
        join(dir.path, '000_backlog.md'),
        `${header}| B-1 | One | 🔥 | 1 | todo | x | y | None |\n| B-2 | Two | ⭐ | 2 | todo | x | y | None |\n`,
      );
      await runCli(['parse'], { cwd: dir.path });
      let total = 0;
      for (let tries = 0; tries < 100 && total !== 2; tries += 1) {
        const response = await fetch(`${address}/status`, authorised);
        total = ((await response.json()) as { totalTasks: number }).totalTasks;
        if (total !== 2) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(total).toBe(2);
      let position: string | null = null;
      for (let tries = 0; tries < 30 && position !== '4'; tries += 1) {
        position = (await fetch(`${address}/tasks/B-2`, authorised)).headers.get('x-ledger-position');
        if (position !== '4') await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(position).toBe('4');

      const metrics = await (await fetch(`${address}/prometheus`, authorised)).text();
      expect(metrics).toMatch(/^taskledger_projection_checkpoint_position\{projection="[a-z_-]+"\} 4$/m);
      expect(metrics).toMatch(/^taskledger_http_requests_total\{method="GET",route="\/status",status="401"\} 1$/m);
      expect(metrics.match(/^# TYPE process_cpu_seconds_total /gm)).toHaveLength(1);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});

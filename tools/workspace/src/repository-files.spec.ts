import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  restart?: string;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };
  const { eventstore, mongodb, projector } = compose.services;
  const queryApi = compose.services['query-api'];

  it('runs EventStoreDB as an insecure single node on a named volume', () => {
    expect(eventstore!.image).toMatch(/^eventstore\/eventstore:\d/);
    expect(eventstore!.environment).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '1', EVENTSTORE_INSECURE: 'true' });
    const volume = eventstore!.volumes!.find((entry) => entry.endsWith(':/var/lib/eventstore'))!.split(':')[0]!;
    expect(Object.keys(compose.volumes)).toContain(volume);
  });

  it('runs MongoDB as a single-node replica set that the health check initiates', () => {
    expect(mongodb!.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongodb!.healthcheck!.test.join(' ')).toMatch(/rs\.initiate\(\{ _id: 'rs0'/);
  });

  // `mongosh --eval` exits 0 whatever the expression returns: only quit(1) fails the check.
  it('reports MongoDB healthy only once it is a writable primary', () => {
    const check = mongodb!.healthcheck!.test.join(' ');
    expect(check).toMatch(/if \(!db\.hello\(\)\.isWritablePrimary\) quit\(1\)/);
  });

  it('restarts the apps when they stop with an error', () => {
    expect(projector!.restart).toBe('on-failure');
    expect(queryApi!.restart).toBe('on-failure');
  });

  it('points the apps at both stores and starts them only once the stores are healthy', () => {
    expect(projector!.environment!['TASKLEDGER_EVENT_STORE']).toMatch(/^esdb:\/\/eventstore:2113/);
    expect(projector!.environment!['TASKLEDGER_READ_STORE']).toMatch(/^mongodb:\/\/mongodb:27017\/.*replicaSet=rs0/);
    expect(projector!.depends_on).toEqual({
      eventstore: { condition: 'service_healthy' },
      mongodb: { condition: 'service_healthy' },
    });
  });
});

describe('CI and README', () => {
  it('CI installs from the lock file and runs exactly the README test command', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci$/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(read('README.md')).toContain('npm ci && npm test');
  });

  it('examples/README.md passes the example config to every taskledger command it shows', () => {
    const commands = read('examples/README.md')
      .split('\n')
      .flatMap((line) => line.match(/npm start -- [^`]*/g) ?? []);
    for (const action of ['start', 'progress', 'complete', 'fail'])
      expect(commands.some((command) => command.startsWith(`npm start -- report EX-6 ${action} `))).toBe(true);
    for (const command of commands) expect(command).toContain('--config examples/taskledger.config.json');
  });

  it('keeps Nx offline: no daemon, no cloud, no analytics', () => {
    const nx = JSON.parse(read('nx.json')) as Record<string, unknown>;
    expect(nx).toMatchObject({ useDaemonProcess: false, neverConnectToCloud: true, analytics: false });
    expect(read('.ci/run')).toMatch(/NX_DAEMON=false NX_NO_CLOUD=true/);
  });

  it('pins better-sqlite3 to major 12 (13 needs Node 22)', () => {
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { version?: string }> };
    expect(lock.packages['node_modules/better-sqlite3']!.version).toMatch(/^12\./);
  });
});

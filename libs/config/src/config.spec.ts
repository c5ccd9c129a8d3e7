import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

describe('configuration', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'taskledger-config-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));
  const writeConfig = (name: string, content: unknown) => {
    writeFileSync(join(cwd, name), typeof content === 'string' ? content : JSON.stringify(content));
    return name;
  };

  it('defaults to one embedded SQLite ledger for events and read models', () => {
    const config = loadConfig({ env: {}, cwd });
    expect(config.eventStore).toEqual({ kind: 'sqlite', path: join(cwd, '.taskledger/ledger.db') });
    expect(config.readStore).toEqual(config.eventStore);
    expect(config.backlogPath).toBe(join(cwd, '000_backlog.md'));
  });

  it('takes EventStoreDB and MongoDB from the environment', () => {
    const config = loadConfig({
      env: {
        TASKLEDGER_EVENT_STORE: 'esdb://localhost:2113?tls=false',
        TASKLEDGER_READ_STORE: 'mongodb://localhost:27017/tl?replicaSet=rs0',
      },
      cwd,
    });
    expect(config.eventStore).toEqual({ kind: 'esdb', url: 'esdb://localhost:2113?tls=false' });
    expect(config.readStore).toEqual({ kind: 'mongodb', url: 'mongodb://localhost:27017/tl?replicaSet=rs0' });
  });

  it('keeps read models in memory when events are in memory', () => {
    expect(loadConfig({ env: { TASKLEDGER_EVENT_STORE: 'memory:' }, cwd }).readStore).toEqual({ kind: 'memory' });
  });

  it('names the setting and the accepted forms when a value is bad', () => {
    expect(() => loadConfig({ env: { TASKLEDGER_EVENT_STORE: 'postgres://x' }, cwd })).toThrow(
      /TASKLEDGER_EVENT_STORE="postgres:\/\/x" is not valid; accepted forms: sqlite:<path>.*esdb:\/\/.*memory:/,
    );
    expect(() => loadConfig({ env: { TASKLEDGER_READ_STORE: 'sqlite:' }, cwd })).toThrow(
      /TASKLEDGER_READ_STORE="sqlite:"/,
    );
  });

  // A replicaSet hint makes the driver switch to the member's advertised name (mongodb:27017 in
  // docker-compose), which does not resolve from the host.
  it('suggests a MongoDB URL that connects from the host to the compose replica set', () => {
    let message = '';
    try {
      loadConfig({ env: { TASKLEDGER_READ_STORE: 'mongo://x' }, cwd });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/mongodb:\/\/localhost:27017\/taskledger\?directConnection=true/);
    expect(message).not.toMatch(/replicaSet/);
  });

  it('reads the config file, with the environment taking precedence', () => {
    const file = writeConfig('custom.json', { eventStore: 'sqlite:data/events.db', backlog: 'plans/backlog.md' });
    const fromFile = loadConfig({ env: {}, cwd, configPath: file });
    expect(fromFile.eventStore).toEqual({ kind: 'sqlite', path: join(cwd, 'data/events.db') });
    expect(fromFile.backlogPath).toBe(join(cwd, 'plans/backlog.md'));
    expect(fromFile.configFile).toBe(join(cwd, file));
    const overridden = loadConfig({ env: { TASKLEDGER_EVENT_STORE: 'memory:' }, cwd, configPath: file });
    expect(overridden.eventStore).toEqual({ kind: 'memory' });
  });

  it('names the file and the field of a bad config file', () => {
    const typo = writeConfig('typo.json', { eventStor: 'memory:' });
    expect(() => loadConfig({ env: {}, cwd, configPath: typo })).toThrow(/typo\.json: eventStor: Unrecognized key/);
    const badValue = writeConfig('bad-value.json', { eventStore: 'nope' });
    expect(() => loadConfig({ env: {}, cwd, configPath: badValue })).toThrow(
      /bad-value\.json: eventStore="nope" is not valid/,
    );
    const broken = writeConfig('broken.json', '{ "eventStore": ');
    expect(() => loadConfig({ env: {}, cwd, configPath: broken })).toThrow(/broken\.json is not valid JSON/);
    expect(() => loadConfig({ env: {}, cwd, configPath: 'missing.json' })).toThrow(/missing\.json does not exist/);
  });

  it('serves the API on loopback by default, and takes host, port and token from the environment', () => {
    expect(loadConfig({ env: {}, cwd }).api).toEqual({ host: '127.0.0.1', port: 3000, token: null, metricsPort: null });
    const api = loadConfig({
      env: { TASKLEDGER_API_HOST: '0.0.0.0', TASKLEDGER_API_PORT: '8080', TASKLEDGER_API_TOKEN: 's3cret' },
      cwd,
    }).api;
    expect(api).toEqual({ host: '0.0.0.0', port: 8080, token: 's3cret', metricsPort: null });
    expect(() => loadConfig({ env: { TASKLEDGER_API_PORT: 'eighty' }, cwd })).toThrow(
      /TASKLEDGER_API_PORT="eighty" is not valid/,
    );
  });

  it('finds taskledger.config.json in the working directory by itself', () => {
    writeConfig('taskledger.config.json', { eventStore: 'memory:' });
    try {
      expect(loadConfig({ env: {}, cwd }).eventStore).toEqual({ kind: 'memory' });
    } finally {
      rmSync(join(cwd, 'taskledger.config.json'));
    }
  });
});

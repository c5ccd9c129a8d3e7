import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config';

describe('operations settings', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'taskledger-ops-config-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('logs at info by default, and takes TASKLEDGER_LOG_LEVEL in any case', () => {
    expect(loadConfig({ env: {}, cwd }).logLevel).toBe('info');
    expect(loadConfig({ env: { TASKLEDGER_LOG_LEVEL: 'DEBUG' }, cwd }).logLevel).toBe('debug');
  });

  it('names TASKLEDGER_LOG_LEVEL and the accepted levels when the level is unknown', () => {
    expect(() => loadConfig({ env: { TASKLEDGER_LOG_LEVEL: 'verbose' }, cwd })).toThrow(
      'TASKLEDGER_LOG_LEVEL="verbose" is not valid; accepted forms: fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('opens a separate metrics port only when TASKLEDGER_API_METRICS_PORT is set', () => {
    expect(loadConfig({ env: { TASKLEDGER_API_METRICS_PORT: '9464' }, cwd }).api.metricsPort).toBe(9464);
    expect(() => loadConfig({ env: { TASKLEDGER_API_METRICS_PORT: 'x' }, cwd })).toThrow(
      /TASKLEDGER_API_METRICS_PORT="x" is not valid/,
    );
  });
});

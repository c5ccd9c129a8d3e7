import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(__dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
}
interface ScrapeConfig {
  job_name: string;
  metrics_path?: string;
  static_configs: Array<{ targets: string[] }>;
}

describe('docker-compose.yml monitoring profile and prometheus.yml', () => {
  const { services } = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
  const prometheus = parse(read('prometheus.yml')) as { scrape_configs: ScrapeConfig[] };
  const targets = prometheus.scrape_configs.flatMap((config) =>
    config.static_configs.flatMap((group) => group.targets.map((target) => ({ path: config.metrics_path, target }))),
  );

  it('runs Prometheus with the repository prometheus.yml, only in the monitoring profile', () => {
    expect(services['prometheus']?.profiles).toEqual(['monitoring']);
    expect(services['prometheus']?.image).toMatch(/^prom\/prometheus:v\d/);
    expect(services['prometheus']?.volumes).toContain('./prometheus.yml:/etc/prometheus/prometheus.yml:ro');
  });

  it('starts both services with the monitoring profile, listening beyond loopback', () => {
    for (const name of ['projector', 'query-api']) expect(services[name]?.profiles).toContain('monitoring');
    expect(services['projector']?.environment?.['TASKLEDGER_PROJECTOR_HOST']).toBe('0.0.0.0');
    expect(services['query-api']?.environment?.['TASKLEDGER_API_HOST']).toBe('0.0.0.0');
    expect(services['query-api']?.environment?.['TASKLEDGER_EVENT_STORE']).toMatch(/^esdb:\/\/eventstore:2113/);
  });

  it('scrapes /metrics on the ports the services are configured to serve it on', () => {
    const projectorPort = services['projector']?.environment?.['TASKLEDGER_PROJECTOR_PORT'];
    const apiMetricsPort = services['query-api']?.environment?.['TASKLEDGER_API_METRICS_PORT'];
    expect(projectorPort).toMatch(/^\d+$/);
    expect(apiMetricsPort).toMatch(/^\d+$/);
    expect(targets).toEqual([
      { path: '/metrics', target: `projector:${projectorPort}` },
      { path: '/metrics', target: `query-api:${apiMetricsPort}` },
    ]);
  });
});

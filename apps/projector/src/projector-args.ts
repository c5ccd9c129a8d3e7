import { parseArgs } from 'node:util';
import { TaskledgerError } from '@taskledger/errors';

export interface ProjectorArgs {
  only: string[];
  port: number | undefined;
  onPoison: 'dead-letter' | 'stop';
  help: boolean;
}

export const USAGE = `usage: node apps/projector/dist/main.js [--only a,b] [--port P] [--on-poison dead-letter|stop]

Keeps the read models current: catches every projection up from its checkpoint, then follows new
events. Serves GET /health and GET /lag as JSON, and GET /metrics (Prometheus), on
TASKLEDGER_PROJECTOR_HOST:PORT (default 127.0.0.1:3001). SIGTERM or SIGINT finish the batch in hand, write its checkpoint, and exit 0.

  --only a,b         run only these projections (default: all)
  --port P           health/lag/metrics port (default TASKLEDGER_PROJECTOR_PORT or 3001; 0 = any free port)
  --on-poison MODE   an event a projection cannot apply: dead-letter it and go on (default), or stop that projection

Stores come from TASKLEDGER_EVENT_STORE / TASKLEDGER_READ_STORE (see the README). Logs are JSON lines on
stderr at TASKLEDGER_LOG_LEVEL (default info).`;

/** Parses the projector's command line; throws with a usage hint on anything unknown. */
export const parseProjectorArgs = (argv: string[]): ProjectorArgs => {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      port: { type: 'string' },
      'on-poison': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535))
    throw new TaskledgerError('InvalidArgument', `--port must be a port number, 0-65535, got "${values.port}"`);
  const onPoison = values['on-poison'] ?? 'dead-letter';
  if (onPoison !== 'dead-letter' && onPoison !== 'stop')
    throw new TaskledgerError('InvalidArgument', `--on-poison must be dead-letter or stop, got "${onPoison}"`);
  const only = (values.only ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  return { only, port, onPoison, help: Boolean(values.help) };
};

import { hostname, userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { loadConfig, TaskledgerConfig } from '@taskledger/config';
import { EventContext, newEventId } from '@taskledger/events';
import { openStores, Stores } from '@taskledger/stores';
import { jsonLines } from './log-format';

export interface CliIo {
  env: Record<string, string | undefined>;
  cwd: string;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

/** What every command receives: configuration, stores, output, and the run's identity. */
export class CliContext {
  /** One per CLI invocation: every event this run appends carries it. */
  readonly correlationId = randomUUID();
  exitCode = 0;
  /** Set under `--as-of`: the position and time the answer reflects (JSON output carries it as `asOf`). */
  asOf: { position: string | null; time: string | null } | null = null;
  private loaded: TaskledgerConfig | undefined;

  /** The process's streams; standard error as JSON lines under `--log-format json`. */
  readonly io: CliIo;

  constructor(
    io: CliIo,
    private readonly globalOptions: () => { config?: string; debug?: boolean; logFormat?: string },
  ) {
    const json = jsonLines(io.stderr);
    const stderr = {
      write: (text: string) => (this.globalOptions().logFormat === 'json' ? json : io.stderr).write(text),
      get isTTY() {
        return io.stderr.isTTY;
      },
    };
    this.io = { ...io, stderr };
  }

  get debug(): boolean {
    return Boolean(this.globalOptions().debug);
  }

  config(): TaskledgerConfig {
    this.loaded ??= loadConfig({ env: this.io.env, cwd: this.io.cwd, configPath: this.globalOptions().config });
    return this.loaded;
  }

  /** Opens the configured stores for the duration of `work`, and always closes them. */
  async withStores<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
    const stores = await openStores(this.config());
    try {
      return await work(stores);
    } finally {
      await stores.close();
    }
  }

  eventContext(): EventContext {
    return {
      newId: newEventId,
      now: () => new Date(),
      correlationId: this.correlationId,
      causationId: null,
      actor: this.actor(),
    };
  }

  print(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  printJson(value: unknown): void {
    const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
    const shown = this.asOf !== null && plain ? { asOf: this.asOf, ...value } : value;
    this.io.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  }

  warn(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  private actor(): string {
    const user = this.io.env['USER'] ?? safeUserName();
    return `cli:${user}@${hostname()}`;
  }
}

const safeUserName = (): string => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

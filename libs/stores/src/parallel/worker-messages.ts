import { RuntimeProgress } from '@taskledger/projection-runtime';
import { ThreadTime } from './thread-time';

/** What a catch-up worker is told to do: catch up (or rebuild one of) the named read models. */
export interface WorkerTask {
  eventStorePath: string;
  readStorePath: string;
  projections: string[];
  rebuild?: string;
  batchSize?: number;
  onPoison?: 'dead-letter' | 'stop';
}

export type WorkerMessage =
  | { kind: 'progress'; progress: RuntimeProgress }
  | { kind: 'done'; progress: RuntimeProgress; time: ThreadTime }
  | { kind: 'failed'; message: string; code?: string };

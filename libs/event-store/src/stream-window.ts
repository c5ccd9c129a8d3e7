import { ReadStreamOptions } from './event-store.port';

/** The revisions readStream returns for a stream of `length` events, in delivery order. */
export const readStreamWindow = (length: number, options: ReadStreamOptions): number[] => {
  const maxCount = options.maxCount ?? Infinity;
  const revisions: number[] = [];
  if (options.direction === 'backwards') {
    for (
      let revision = Math.min(options.fromRevision ?? length - 1, length - 1);
      revision >= 0 && revisions.length < maxCount;
      revision -= 1
    ) {
      revisions.push(revision);
    }
  } else {
    for (
      let revision = Math.max(options.fromRevision ?? 0, 0);
      revision < length && revisions.length < maxCount;
      revision += 1
    ) {
      revisions.push(revision);
    }
  }
  return revisions;
};

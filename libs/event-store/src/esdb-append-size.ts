import { TaskledgerError } from '@taskledger/errors';
import { EventEnvelope } from '@taskledger/events';

/** EventStoreDB's default `MaxAppendSize`: the most one append may carry. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** An append's size as the server counts it against MaxAppendSize: each event's data, metadata and type. */
export const appendSize = (events: readonly EventEnvelope[]): number =>
  events.reduce(
    (total, event) =>
      total + bytes(JSON.stringify(event.data)) + bytes(JSON.stringify(event.metadata)) + bytes(event.type),
    0,
  );

export const appendTooLarge = (streamName: string, limit: number, size?: number): TaskledgerError =>
  new TaskledgerError(
    'InvalidArgument',
    `append to ${streamName}${size === undefined ? '' : ` is ${size} bytes, which`} exceeds EventStoreDB's maximum append size of ${limit} bytes (MaxAppendSize): append fewer or smaller events, or raise the server's MaxAppendSize`,
    { streamName, size, limit },
  );

/** Refuses a batch above the limit before it is sent (the client would send up to 3 MiB). */
export const assertAppendSize = (streamName: string, events: readonly EventEnvelope[], limit: number): void => {
  const size = appendSize(events);
  if (size > limit) throw appendTooLarge(streamName, limit, size);
};

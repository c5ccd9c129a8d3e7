/** One server-sent event; fields absent from the block are undefined. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

/**
 * Splits a text stream into server-sent events (blank-line separated blocks). Returns the
 * complete events and the unfinished rest to prepend to the next chunk. Comments (":") are dropped.
 */
export const parseSse = (buffer: string): { events: SseEvent[]; rest: string } => {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: SseEvent[] = [];
  for (const block of blocks) {
    const event: SseEvent = { data: '' };
    const data: string[] = [];
    let fields = 0;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const name = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      fields += 1;
      if (name === 'data') data.push(value);
      else if (name === 'id') event.id = value;
      else if (name === 'event') event.event = value;
      else if (name === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
    }
    event.data = data.join('\n');
    if (fields > 0) events.push(event);
  }
  return { events, rest };
};

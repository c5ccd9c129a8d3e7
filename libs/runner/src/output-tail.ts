/** How much of each output stream an attempt keeps: the last 8 KiB. */
export const OUTPUT_TAIL_BYTES = 8192;

/** Keeps the last `maxBytes` of a byte stream, whatever its length. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxBytes = OUTPUT_TAIL_BYTES) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1) {
      const oldest = this.chunks[0];
      if (oldest === undefined || this.size - oldest.length < this.maxBytes) break;
      this.chunks.shift();
      this.size -= oldest.length;
    }
  }

  /** The last `maxBytes` bytes seen (fewer when fewer were seen). */
  bytes(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.maxBytes));
  }

  /** The kept bytes as UTF-8; a character cut at the start is dropped. */
  text(): string {
    const kept = this.bytes();
    let start = 0;
    while (start < kept.length && start < 4 && (kept.readUInt8(start) & 0xc0) === 0x80) start++;
    return kept.subarray(start).toString('utf8');
  }
}

import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout: SHA-1 of a name) derived from what an imported event stands for,
 * e.g. `legacy-state:B-008:history:4:retry`. The same source fact always gets the same id, which
 * is what makes a second import append nothing.
 */
export const derivedEventId = (key: string): string => {
  const bytes = createHash('sha1').update(`taskledger-import:${key}`).digest().subarray(0, 16);
  bytes[6] = 0x50 | (bytes.readUInt8(6) & 0x0f);
  bytes[8] = 0x80 | (bytes.readUInt8(8) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

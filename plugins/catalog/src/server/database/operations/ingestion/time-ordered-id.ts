import { randomBytes } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A UUID (version 7) that sorts by creation time. New rows then land at the end of the indexes
 * on their id instead of at random pages, which keeps bulk ingestion's writes local: on SQLite
 * this was the difference between a few dirty pages per batch and thousands.
 */
export function timeOrderedId(): string {
  let now = Date.now();
  if (now <= lastMs) {
    // Same millisecond (or the clock went back): keep counting up from the last id.
    sequence++;
    if (sequence > 0xfff) {
      lastMs++;
      sequence = 0;
    }
    now = lastMs;
  } else {
    lastMs = now;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

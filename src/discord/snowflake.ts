// Snowflakes and tokens shaped like Discord's, unique within the process.
import { randomBytes } from 'node:crypto';

const DISCORD_EPOCH = 1_420_070_400_000n;
let sequence = 0n;

/** A fresh snowflake: milliseconds since Discord's epoch, then a 22-bit counter. */
export function snowflake(): string {
  sequence = (sequence + 1n) & 0x3f_ffffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | sequence);
}

/** An opaque token, like an interaction token. */
export function randomToken(): string {
  return randomBytes(24).toString('base64url');
}

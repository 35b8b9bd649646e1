/**
 * A fresh Idempotency-Key for one user action (a booking attempt, a tribute): the same key is sent
 * again when that action is retried, a new one for the next action. `prefix` says what it was for.
 */
export function newIdempotencyKey(prefix: string, random: () => number = Math.random): string {
  const part = () => Math.floor(random() * 0x100000000).toString(36);
  return `${prefix}-${Date.now().toString(36)}-${part()}${part()}`;
}

// The end of an end-to-end test's set-up, in one call for its afterAll.

/** A server, a store or a stand-in a test started. */
interface Closable {
  close(): Promise<unknown>;
}

/**
 * Kills the bot (if one was started), closes `closables` one after the other in the order given
 * (skipping those never set: a beforeAll may fail half-way), and removes the work folder last.
 */
export async function tearDown(
  bot: { kill(): void } | undefined,
  closables: readonly (Closable | undefined)[],
  work: { remove(): void },
): Promise<void> {
  bot?.kill();
  for (const closable of closables) await closable?.close();
  work.remove();
}

// `lagebild alerts failed [--json] [--clear] [--store URL]`: the alert deliveries that
// were not sent and will not be retried (Discord refused the request itself, or every
// attempt failed), kept in the store with the reason (src/alerts/failed-deliveries.ts);
// `--clear` removes the ones listed, once read. The store is LAGEBILD_STORE's (with the
// rest of the settings), or --store.
import { clearFailedDeliveries, failedDeliveries, type FailedDelivery } from '../alerts/failed-deliveries.js';
import { loadConfig } from '../config/config.js';
import { openStore } from '../store/open-store.js';
import { readStoreSetting, type StoreTarget } from '../store/store-url.js';
import { parseStrict } from './arguments.js';
import { type CliSubcommand, fromEnvironment, type Io } from './io.js';
import { UsageError } from './usage.js';

function storeTarget(flag: string | undefined, io: Io): StoreTarget | undefined {
  if (flag !== undefined) {
    const read = readStoreSetting('--store', flag);
    if (read.ok) return read.target;
    io.err(`lagebild: ${read.problem}\n`);
    return undefined;
  }
  return fromEnvironment(loadConfig, io, (message) => `${message}\n(or name the store: --store sqlite:PATH | redis://HOST:PORT)`)?.store;
}

export const alerts: CliSubcommand = {
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { json: { type: 'boolean' }, clear: { type: 'boolean' }, store: { type: 'string' } });
    if (positionals.length !== 1 || positionals[0] !== 'failed') throw new UsageError('alerts takes one subcommand: failed');
    const target = storeTarget(values.store, io);
    if (target === undefined) return 1;
    const store = await openStore(target);
    try {
      const failed = await failedDeliveries(store);
      io.out(values.json === true ? `${JSON.stringify(failed, null, 2)}\n` : listing(failed));
      // Once shown, and only what was shown: a delivery failing meanwhile stays for the next look.
      if (values.clear === true && failed.length > 0) {
        const removed = await clearFailedDeliveries(
          store,
          failed.map((f) => f.deliveryId),
        );
        if (values.json !== true) io.out(`Removed ${removed} of them from the store.\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};

function listing(failed: readonly FailedDelivery[]): string {
  if (failed.length === 0) return 'No failed alert deliveries.\n';
  const lines = failed.map((f) => {
    const answer = f.status === 'error' ? 'no answer' : `HTTP ${f.status}${f.code === undefined ? '' : ` (code ${f.code})`}`;
    return `${f.failedAt}  ${f.deliveryId}\n  channel ${f.delivery.channelId}, ${f.attempts} attempt(s), ${answer}\n  ${f.reason.replace(/\n/g, '\n  ')}\n`;
  });
  return `${lines.join('')}${failed.length} failed alert deliver${failed.length === 1 ? 'y' : 'ies'}.\n`;
}

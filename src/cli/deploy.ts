// `lagebild deploy [--guild ID]`: registers the slash commands now (bulk
// overwrite), globally or in one guild for testing. `npm start` does the same
// by itself only when the definitions changed. Its requests draw from the bot's one
// REST budget in the configured store, like those of the running bot.
import { REST } from '@discordjs/rest';

import { createCommands } from '../../commands/index.js';
import { describeStartupError } from '../app/startup-errors.js';
import { loadConfig } from '../config/config.js';
import { deployCommands } from '../discord/command-sync.js';
import { budgetedRequests } from '../discord/rest-budget.js';
import { parseStrict } from './arguments.js';
import { type CliSubcommand, fromEnvironment } from './io.js';
import { openSettingsStore } from './news.js';
import { UsageError } from './usage.js';

export const deploy: CliSubcommand = {
  async run(args, io) {
    const { values, positionals } = parseStrict(args, { guild: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError('deploy takes no arguments besides --guild ID');
    if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) throw new UsageError('--guild needs a server id (17–20 digits)');
    const config = fromEnvironment(loadConfig, io);
    if (config === undefined) return 1;
    let store;
    try {
      store = await openSettingsStore(config);
    } catch (error) {
      io.err(`lagebild: ${describeStartupError(error)}\n`);
      return 1;
    }
    const timeout = 15_000;
    let toldWaiting = false;
    const rest = new REST({
      api: config.apiUrl,
      retries: 1,
      timeout,
      makeRequest: budgetedRequests({
        store,
        priority: 'interactive',
        timeoutMs: timeout,
        onStoreUnavailable: () => {
          if (!toldWaiting) io.err('lagebild: the store does not answer; waiting for a turn of the REST budget\n');
          toldWaiting = true;
        },
      }),
    }).setToken(config.discordToken);
    try {
      const count = await deployCommands(
        rest,
        { applicationId: config.applicationId, guildId: values.guild },
        // The definitions do not depend on the commands' services.
        createCommands().map((c) => c.definition),
      );
      io.out(
        `Registered ${count} commands ${values.guild === undefined ? 'globally (may take up to an hour to show everywhere)' : `in guild ${values.guild}`}.\n`,
      );
      return 0;
    } catch (error) {
      io.err(`lagebild: ${describeStartupError(error)}\n`);
      return 1;
    } finally {
      await store.close();
    }
  },
};

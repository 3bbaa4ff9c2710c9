// What the composition root hands down: every long-lived dependency, built once.
import type { REST } from '@discordjs/rest';

import type { AlertsService } from '../alerts/alerts-service.js';
import type { Config } from '../config/config.js';
import type { SlashCommand } from '../interactions/command.js';
import type { LiveKnowledgeBase } from '../knowledge/live-knowledge-base.js';
import type { Logger } from '../logging/logger.js';
import type { NewsSync } from '../news/news-sync.js';
import type { Store } from '../store/store.js';

export interface AppContext {
  config: Config;
  logger: Logger;
  knowledge: LiveKnowledgeBase;
  store: Store;
  rest: REST;
  commands: readonly SlashCommand[];
  alerts: AlertsService;
  /** The news items every process shares through the store, as this process last read them. */
  news: NewsSync;
}

/** Stops what a start function started; resolves when it has finished. */
export type Stop = () => Promise<void>;

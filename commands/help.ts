// /help — every command the bot serves, with its description in the user's language.
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

import type { Language } from '../src/i18n/language.js';
import { t } from '../src/i18n/t.js';
import type { SlashCommand } from '../src/interactions/command.js';
import { EVERYWHERE, localized } from '../src/interactions/definition.js';
import { pagedReply } from '../src/render/paging.js';
import type { Reply } from '../src/render/reply.js';

const definition = {
  ...localized('help', 'command.help'),
  type: ApplicationCommandType.ChatInput,
  ...EVERYWHERE,
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function render(listed: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[], lang: Language, page: number): Reply {
  const lines = listed.map((d) => {
    const name = lang === 'en' ? d.name : (d.name_localizations?.[lang] ?? d.name);
    const description = lang === 'en' ? d.description : (d.description_localizations?.[lang] ?? d.description);
    return `**/${name}** — ${description}`;
  });
  const doc = { title: t(lang, 'help.title'), description: [t(lang, 'help.intro'), '', ...lines], sections: [], footer: t(lang, 'footer.brand') };
  return pagedReply(doc, { command: definition.name, language: lang, page, state: '' });
}

/** /help listing `others` in their order, then itself. */
export function createHelpCommand(others: readonly SlashCommand[]): SlashCommand {
  const listed = [...others.map((command) => command.definition), definition];
  return {
    definition,
    execute: (ctx) => render(listed, ctx.language, 0),
    page: (ctx, _state, page) => render(listed, ctx.language, page),
  };
}

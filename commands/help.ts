// /help — every command the bot serves, with its description in the user's language.
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';

import { t } from '../src/i18n/t.js';
import type { CommandContext, Reply, SlashCommand } from '../src/interactions/command.js';
import { EVERYWHERE, localized } from '../src/interactions/definition.js';
import { pagedReply } from '../src/render/paging.js';

const NAME = 'help';

function render(ctx: CommandContext, page: number): Reply {
  const lang = ctx.language;
  const lines = ctx.commands.map(({ definition: d }) => {
    const name = lang === 'en' ? d.name : (d.name_localizations?.[lang] ?? d.name);
    const description = lang === 'en' ? d.description : (d.description_localizations?.[lang] ?? d.description);
    return `**/${name}** — ${description}`;
  });
  const doc = { title: t(lang, 'help.title'), description: [t(lang, 'help.intro'), '', ...lines], sections: [], footer: t(lang, 'footer.brand') };
  return pagedReply(doc, { command: NAME, language: lang, page, state: '' });
}

export const help: SlashCommand = {
  definition: {
    ...localized('command.help'),
    type: ApplicationCommandType.ChatInput,
    ...EVERYWHERE,
  } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody,
  execute: (ctx) => render(ctx, 0),
  page: (ctx, _state, page) => render(ctx, page),
};

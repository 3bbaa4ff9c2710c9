// /alliance name — profile of a military or political alliance.
import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { EVERYWHERE, localized, textOption } from '../src/interactions/definition.js';
import { findEntity, lookupCommand } from '../src/interactions/lookup-command.js';
import type { Alliance } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { aliasLine, ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

function allianceDocument(ctx: CommandContext, alliance: Alliance): Document {
  const { kb, language: lang } = ctx;
  const profile = new ProfileBuilder(kb, lang);
  const members = alliance.members.map((m) => `• ${literal(kb.entity(m.country)?.name[lang] ?? m.country)}${profile.cite(m.source)}`);
  const keyPoints = kb
    .articlesAbout(alliance.id)
    .flatMap((article) => article.summary.map((p) => `• ${literal(p.text[lang])} ${profile.citations.cite(article, p.paragraph)}`));
  profile
    .section(t(lang, 'label.members'), members)
    .facts(alliance.facts)
    .section(t(lang, 'label.keyPoints'), keyPoints)
    .timeline(kb.timeline(alliance.id))
    .quotes(kb.quotesAbout(alliance.id), 'speaker')
    .corrections(alliance.corrections);
  const aliases = aliasLine(alliance.aliases, lang, [alliance.name[lang], alliance.fullName[lang]]);
  return profile.build({
    title: literal(alliance.name[lang]),
    description: [`**${literal(alliance.fullName[lang])}**`, literal(alliance.description[lang]), ...(aliases === undefined ? [] : [aliases])],
  });
}

export const alliance: SlashCommand = lookupCommand<Alliance>({
  definition: {
    ...localized('command.alliance'),
    type: ApplicationCommandType.ChatInput,
    ...EVERYWHERE,
    options: [textOption('command.alliance.option.name', true)],
  } satisfies RESTPostAPIChatInputApplicationCommandsJSONBody,
  option: 'name',
  kinds: ['alliance'],
  notFound: 'notFound.alliance',
  find: (ctx, query) => findEntity(ctx.kb, 'alliance', query),
  state: (found) => found.id,
  document: allianceDocument,
});

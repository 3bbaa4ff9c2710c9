// /expert name — who an expert is, what they said, on which topics.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { entityById, findEntity, latestNewsAbout, lookupCommand } from '../src/interactions/lookup-command.js';
import type { Expert } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { aliasLine, backgroundDescription, ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

function expertDocument(ctx: CommandContext, expert: Expert): Document {
  const { kb, language: lang } = ctx;
  const profile = new ProfileBuilder(kb, lang);
  const quotes = kb.quotesBy(expert.id);
  const topicIds = [...new Set(quotes.flatMap((ref) => ref.quote.topics))];
  const topics = topicIds.map((id) => literal(kb.topic(id)?.name[lang] ?? id));
  profile
    .section(t(lang, 'label.affiliation'), [literal(expert.affiliation[lang])], true)
    .section(t(lang, 'label.field'), [literal(expert.field[lang])], true)
    .quotes(quotes, 'article')
    .section(t(lang, 'label.topics'), topics.length === 0 ? [] : [topics.join(', ')])
    .facts(expert.facts)
    .corrections(expert.corrections)
    .background(expert)
    .news(latestNewsAbout(ctx, expert.id));
  const aliases = aliasLine(expert.aliases, lang, [expert.name[lang]]);
  return profile.build({
    title: literal(expert.name[lang]),
    description: [backgroundDescription(expert.description, lang), ...(aliases === undefined ? [] : [aliases])],
  });
}

export const expert: SlashCommand = lookupCommand({
  name: 'expert',
  key: 'command.expert',
  option: { name: 'name', required: true },
  kinds: ['expert'],
  notFound: 'notFound.expert',
  find: (ctx, query) => findEntity(ctx.kb, 'expert', query),
  state: (found) => found.id,
  fromState: (ctx, id) => entityById(ctx.kb, 'expert', id),
  document: expertDocument,
  newsAbout: (found) => found.id,
});

// /alliance name — profile of a military or political alliance.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { entityById, findEntity, latestNewsAbout, lookupCommand } from '../src/interactions/lookup-command.js';
import { lazyFlatMap } from '../src/knowledge/lazy-list.js';
import type { Alliance } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { aliasLine, backgroundDescription, ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

function allianceDocument(ctx: CommandContext, alliance: Alliance): Document {
  const { kb, language: lang } = ctx;
  const profile = new ProfileBuilder(kb, lang);
  const keyPoints = lazyFlatMap(
    kb.articlesAbout(alliance.id),
    (article) => article.summary,
    (article, point) => ({ article, point }),
  );
  profile
    .list(t(lang, 'label.members'), alliance.members, (m) => `• ${literal(kb.entity(m.country)?.name[lang] ?? m.country)}${profile.cite(m.source)}`)
    .facts(alliance.facts)
    .list(
      t(lang, 'label.keyPoints'),
      keyPoints,
      ({ article, point }) => `• ${literal(point.text[lang])} ${profile.citations.citePoint(article, point)}`,
    )
    .timeline(kb.timeline(alliance.id))
    .quotes(kb.quotesAbout(alliance.id), 'speaker')
    .corrections(alliance.corrections)
    .background(alliance)
    .news(latestNewsAbout(ctx, alliance.id));
  const aliases = aliasLine(alliance.aliases, lang, [alliance.name[lang], alliance.fullName[lang]]);
  return profile.build({
    title: literal(alliance.name[lang]),
    description: [
      `**${literal(alliance.fullName[lang])}**`,
      backgroundDescription(alliance.description, lang),
      ...(aliases === undefined ? [] : [aliases]),
    ],
  });
}

export const alliance: SlashCommand = lookupCommand({
  name: 'alliance',
  key: 'command.alliance',
  option: { name: 'name', required: true },
  kinds: ['alliance'],
  notFound: 'notFound.alliance',
  find: (ctx, query) => findEntity(ctx.kb, 'alliance', query),
  state: (found) => found.id,
  fromState: (ctx, id) => entityById(ctx.kb, 'alliance', id),
  document: allianceDocument,
  newsAbout: (found) => found.id,
});

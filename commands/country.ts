// /country name — what the articles say about a country, and its alliances.
import { t } from '../src/i18n/t.js';
import type { CommandContext, SlashCommand } from '../src/interactions/command.js';
import { entityById, findEntity, latestNewsAbout, lookupCommand } from '../src/interactions/lookup-command.js';
import type { Country } from '../src/knowledge/schema.js';
import type { Document } from '../src/render/document.js';
import { aliasLine, backgroundDescription, ProfileBuilder } from '../src/render/sections.js';
import { literal } from '../src/render/text.js';

function countryDocument(ctx: CommandContext, country: Country): Document {
  const { kb, language: lang } = ctx;
  const profile = new ProfileBuilder(kb, lang);
  profile
    .list(
      t(lang, 'label.memberOf'),
      kb.membershipsOf(country.id),
      ({ alliance, source }) => `• ${literal(alliance.name[lang])}${profile.cite(source)}`,
    )
    .facts(country.facts)
    .timeline(kb.timeline(country.id))
    .quotes(kb.quotesAbout(country.id), 'speaker')
    .corrections(country.corrections)
    .background(country)
    .news(latestNewsAbout(ctx, country.id));
  const aliases = aliasLine(country.aliases, lang, [country.name[lang]]);
  return profile.build({
    title: literal(country.name[lang]),
    description: [
      ...(country.description === undefined ? [] : [backgroundDescription(country.description, lang)]),
      ...(aliases === undefined ? [] : [aliases]),
      ...(profile.isEmpty() ? [t(lang, 'country.nothingYet')] : []),
    ],
  });
}

export const country: SlashCommand = lookupCommand({
  name: 'country',
  key: 'command.country',
  option: { name: 'name', required: true },
  kinds: ['country'],
  notFound: 'notFound.country',
  find: (ctx, query) => findEntity(ctx.kb, 'country', query),
  state: (found) => found.id,
  fromState: (ctx, id) => entityById(ctx.kb, 'country', id),
  document: countryDocument,
  newsAbout: (found) => found.id,
});

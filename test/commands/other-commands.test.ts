// /country, /timeline, /search and /help.
import { MessageFlags } from 'discord-api-types/v10';
import { beforeAll, describe, expect, it } from 'vitest';

import { createCommands } from '../../commands/index.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { allPages, ARTICLE_FLAT, autocomplete, chatInput, choicesOf, fieldLines, loadKb, messageOf, plainText, run, str } from './harness.js';

const commands = createCommands();

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKb();
});

describe('/country', () => {
  it('names the alliances a country belongs to, in German', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('country', [str('name', 'Weißrussland')], 'de')));
    expect(embeds[0]?.title).toBe(kb.entity(kb.resolve('country', 'Weißrussland') ?? '')?.name.de);
    expect(fieldLines(embeds, 'Mitglied von').join(' ')).toContain('OVKS');
  });

  it('answers about a country known only from the country data set, in both languages', async () => {
    const english = await allPages(kb, await run(kb, chatInput('country', [str('name', 'turkey')], 'en-US')));
    expect(english).toHaveLength(1);
    expect(english[0]?.title).toBe('Turkey');
    expect(english[0]?.description).toContain('Türkiye');
    expect(english[0]?.description).toContain('The articles say nothing about this country yet.');
    const german = await allPages(kb, await run(kb, chatInput('country', [str('name', 'Türkei')], 'de')));
    expect(german[0]?.title).toBe('Türkei');
    expect(german[0]?.description).toContain('In den Artikeln steht noch nichts über dieses Land.');
    expect(german[0]?.description).not.toContain('Hintergrund');
  });

  it('finds Russia by "Kremlin" but does not list the Kremlin, or an adjective, among its names', async () => {
    const russia = kb.entity('russia')!;
    expect(kb.resolve('country', 'Kremlin')).toBe('russia');
    const hidden = russia.aliases.filter((alias) => alias.metonym === true || alias.adjective === true).map((alias) => alias.text);
    expect(hidden).toEqual(expect.arrayContaining(['Kreml', 'Kremlin']));
    for (const lang of ['en-US', 'de'] as const) {
      const [first] = await allPages(kb, await run(kb, chatInput('country', [str('name', 'russia')], lang)));
      const aliasLine = (first?.description ?? '').split('\n').find((line) => line.includes('Russian Federation'));
      expect(aliasLine).toBeDefined();
      for (const text of hidden) expect(aliasLine).not.toMatch(new RegExp(`(^|[ :,])${text}(,|$)`));
    }
  });

  it('autocompletes every country of the world', async () => {
    const choices = choicesOf(await run(kb, autocomplete('country', [str('name', 'Türk', true)], 'de')));
    expect(choices.map((c) => c.value)).toContain('turkey');
  });
});

describe('/timeline', () => {
  it('lists events in date order with their sources, filtered by an entity', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('timeline', [str('topic', 'csto')], 'en-US')));
    expect(embeds[0]?.title).toBe('Timeline: CSTO');
    const lines = fieldLines(embeds, 'Timeline highlights');
    expect(lines.length).toBe(kb.timeline('csto').length);
    for (const line of lines) expect(line).toMatch(/^\*\*[^*]+\*\* — .+ \[1\] § \d+/);
    expect(fieldLines(embeds, 'Sources')[0]).toContain('securnews');
  });

  it('autocompletes over topics and entities', async () => {
    const choices = choicesOf(await run(kb, autocomplete('timeline', [str('topic', '', true)], 'de')));
    const kinds = new Set(choices.map((c) => (kb.topic(String(c.value)) === undefined ? 'entity' : 'topic')));
    expect(kinds).toEqual(new Set(['entity', 'topic']));
  });
});

describe('/search', () => {
  it('finds quotes and marks translated ones', async () => {
    const data = messageOf(await run(kb, chatInput('search', [str('query', 'Glaubwürdigkeit')], 'de')));
    const text = plainText(data);
    const quoted = /Zitat von [^:]+:\*\* „(.+?)“/.exec(text)?.[1];
    expect(ARTICLE_FLAT).toContain(quoted);
    const en = plainText(messageOf(await run(kb, chatInput('search', [str('query', 'credibility')], 'en-US'))));
    expect(en).toMatch(/Quote by .+\(translated from German\)/);
  });

  it('echoes hostile queries escaped and answers misses ephemerally', async () => {
    const data = messageOf(await run(kb, chatInput('search', [str('query', '**@everyone** <@&123> zzqx')], 'en-US')));
    expect(data.flags).toBe(MessageFlags.Ephemeral);
    expect(data.content).toContain('\\*\\*@\u200beveryone\\*\\*');
  });
});

describe('/help', () => {
  it('lists every command with its localized name and description', async () => {
    const text = plainText(messageOf(await run(kb, chatInput('help', [], 'de'))));
    for (const { definition } of commands) {
      expect(text).toContain(`/${definition.name_localizations?.de}`);
      expect(text).toContain(definition.description_localizations?.de);
    }
  });
});

describe('definitions', () => {
  it.each(commands.map((c) => [c.definition.name, c.definition] as const))(
    "%s follows Discord's naming rules and is usable everywhere",
    (_name, d) => {
      const named = [d, ...(d.options ?? [])];
      for (const item of named) {
        for (const name of [item.name, item.name_localizations?.de ?? '']) {
          expect(name).toMatch(/^[-_'\p{L}\p{N}]{1,32}$/u);
          expect(name).toBe(name.toLowerCase());
        }
        for (const description of [item.description, item.description_localizations?.de ?? '']) {
          expect(description.length).toBeGreaterThan(0);
          expect(description.length).toBeLessThanOrEqual(100);
        }
      }
      // Moderation commands are for servers only; reading commands work everywhere.
      const moderation = d.default_member_permissions !== undefined;
      expect(d.contexts).toEqual(moderation ? [0] : [0, 1, 2]);
      expect(d.integration_types).toEqual(moderation ? [0] : [0, 1]);
    },
  );
});

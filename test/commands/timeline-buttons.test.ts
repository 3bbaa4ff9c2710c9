// /timeline's page buttons name what they show by kind and id, and a pressed
// button looks it up by id only. Names and aliases are for what people type:
// a topic's alias may equal another record's id, and page 2 must still show
// the timeline of page 1.
import { beforeAll, describe, expect, it } from 'vitest';

import { generateDataset } from '../../bench/generate-dataset.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { Topic } from '../../src/knowledge/schema.js';
import { decodePageId, encodePageId } from '../../src/render/paging.js';
import { loadDataFolder } from '../alerts/alert-fixtures.js';
import { allPages, buttonPress, buttonsOf, chatInput, messageOf, run, str } from './harness.js';

/** A topic that takes another record's id as its alias (allowed: aliases are unique only within a kind). */
function decoyTopic(alias: string): Topic {
  return {
    id: 'decoy-topic',
    name: { de: 'Lockvogel', en: 'Decoy' },
    aliases: [{ text: alias, lang: 'en' }],
    description: { de: 'Ein Thema mit fremdem Alias.', en: 'A topic with a borrowed alias.' },
  };
}

function withDecoy(dataset: Dataset, alias: string): KnowledgeBase {
  return createKnowledgeBase({ ...dataset, topics: [decoyTopic(alias), ...dataset.topics] });
}

describe('on a knowledge base whose timeline needs several pages', () => {
  let kb: KnowledgeBase;
  let alliance: { id: string; name: string; fullName: string };

  beforeAll(() => {
    const dataset = generateDataset({ articles: 300, entities: 120 });
    const base = createKnowledgeBase(dataset);
    const best = base.entitiesOfKind('alliance').sort((a, b) => base.timeline(b.id).length - base.timeline(a.id).length)[0];
    if (best === undefined) throw new Error('no alliance generated');
    alliance = { id: best.id, name: best.name.en, fullName: best.fullName.en };
    kb = withDecoy(dataset, best.id);
  });

  it('every page of an alliance typed by its full name shows that alliance, though a topic has its id as alias', async () => {
    const first = await run(kb, chatInput('timeline', [str('topic', alliance.fullName)]));
    const next = buttonsOf(messageOf(first))[1]?.custom_id ?? '';
    // The state names the record's kind and id.
    expect(decodePageId(next)?.state).toBe(`alliance:${alliance.id}`);
    const embeds = await allPages(kb, first);
    expect(embeds.length).toBeGreaterThan(1);
    for (const embed of embeds) expect(embed.title).toBe(`Timeline: ${alliance.name}`);
  });

  it('the id autocomplete sends is read as that id, not as the topic alias', async () => {
    const embeds = await allPages(kb, await run(kb, chatInput('timeline', [str('topic', alliance.id)])));
    expect(embeds.length).toBeGreaterThan(1);
    for (const embed of embeds) expect(embed.title).toBe(`Timeline: ${alliance.name}`);
    // The topic itself is still found by its alias's other spelling: its name.
    const decoy = messageOf(await run(kb, chatInput('timeline', [str('topic', 'Decoy')])));
    expect(decoy.embeds?.[0]?.title).toBe('Timeline: Decoy');
  });

  it('a button of an older version (bare id) still resolves by id only', async () => {
    const press = messageOf(await run(kb, buttonPress(encodePageId({ command: 'timeline', language: 'en', page: 1, state: alliance.id }))));
    expect(press.embeds?.[0]?.title).toBe(`Timeline: ${alliance.name}`);
  });
});

describe('on the seed data with a topic aliased to a country id', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = withDecoy(await loadDataFolder(), 'armenia');
  });

  it('a button names kind and id, and a kind that does not match the id is an expired button', async () => {
    const press = (state: string) => run(kb, buttonPress(encodePageId({ command: 'timeline', language: 'en', page: 0, state })));
    expect(messageOf(await press('country:armenia')).embeds?.[0]?.title).toBe('Timeline: Armenia');
    expect(messageOf(await press('topic:decoy-topic')).embeds?.[0]?.title).toBe('Timeline: Decoy');
    // By id only: the topic's alias "armenia" is no topic id, and a name is no id.
    for (const state of ['topic:armenia', 'country:Armenien', 'alliance:armenia']) {
      const reply = messageOf(await press(state));
      expect(reply.flags, state).toBe(64);
      expect(reply.content, state).toMatch(/no longer works/i);
    }
  });

  it('the page buttons of every lookup command carry the id, and a pressed one reads it as an id', async () => {
    for (const [command, option, value] of [
      ['country', 'name', 'Armenien'],
      ['alliance', 'name', 'OVKS'],
      ['expert', 'name', 'Marin'],
    ] as const) {
      const first = messageOf(await run(kb, chatInput(command, [str(option, value)])));
      const title = first.embeds?.[0]?.title;
      const ref = encodePageId({ command, language: 'en', page: 0, state: value });
      // The name is no id: a button that carried it would be expired, not resolved by name.
      expect(messageOf(await run(kb, buttonPress(ref))).flags, command).toBe(64);
      const id = kb.resolve(command, value) ?? '';
      const byId = messageOf(await run(kb, buttonPress(encodePageId({ command, language: 'en', page: 0, state: id }))));
      expect(byId.embeds?.[0]?.title, command).toBe(title);
    }
  });
});

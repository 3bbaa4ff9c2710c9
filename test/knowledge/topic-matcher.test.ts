import { beforeAll, describe, expect, it } from 'vitest';

import type { Publication } from '../../src/alerts/publication.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { createTopicMatcher, namedRecords, type TopicMatcher, topicMatcherFor } from '../../src/knowledge/topic-matcher.js';
import { loadDataFolder } from '../alerts/alert-fixtures.js';

function feedPublication(title: string, summary = ''): Publication {
  return { id: 'feed:x:1', title, summary, source: { kind: 'feed', feedUrl: 'https://example.org/feed' }, declaredTopics: [] };
}

describe('topic matching against the real knowledge base', () => {
  let kb: KnowledgeBase;
  let matcher: TopicMatcher;
  beforeAll(async () => {
    kb = createKnowledgeBase(await loadDataFolder());
    matcher = topicMatcherFor(kb);
  });

  it('finds alliances by German, English and Russian names and abbreviations', () => {
    expect(matcher.match('Armenien friert OVKS-Beteiligung ein')).toEqual(new Set(['armenia', 'csto']));
    expect(matcher.match('CSTO summit postponed')).toEqual(new Set(['csto']));
    expect(matcher.match('Россия и ОДКБ: новые учения')).toEqual(new Set(['russia', 'csto']));
    expect(matcher.match('Organisation des Vertrags über kollektive Sicherheit tagt')).toEqual(new Set(['csto']));
  });

  it('matches whole words only', () => {
    expect(matcher.match('Natoli und Natoland sind keine Bündnisse')).toEqual(new Set());
    expect(matcher.match('The NATO summit')).toEqual(new Set(['nato']));
    expect(matcher.match('Putinismus')).toEqual(new Set());
  });

  it('ignores case and diacritics', () => {
    expect(matcher.match('WEISSRUSSLAND und weißrussland')).toEqual(new Set(['belarus']));
    expect(matcher.match('Anais Marin warnt')).toEqual(new Set(['anais-marin']));
    expect(matcher.match('ANAÏS MARIN warnt')).toEqual(new Set(['anais-marin']));
  });

  it('prefers the longest phrase, and counts the names inside a topic phrase', () => {
    // "NATO-Osterweiterung" is an alias of the topic; it is about NATO too.
    expect(matcher.match('Debatte über die NATO-Osterweiterung')).toEqual(new Set(['nato-and-russia', 'nato']));
    expect(matcher.match('Republik Armenien')).toEqual(new Set(['armenia']));
    expect(matcher.match('Talks on the war in Ukraine')).toContain('ukraine');
  });

  it('does not read an entity phrase as the names inside it', () => {
    expect(matcher.match('Papua New Guinea votes')).toEqual(new Set(['papua-new-guinea']));
  });

  it('adds declared topics and reads every translation', () => {
    const publication: Publication = {
      ...feedPublication('Lage im Kaukasus', 'Keine Namen hier'),
      declaredTopics: ['csto-cohesion'],
      translations: { en: { title: 'Kyrgyzstan and Tajikistan', summary: '' } },
    };
    expect(matcher.topicsOf(publication)).toEqual(['csto-cohesion', 'kyrgyzstan', 'tajikistan']);
  });

  it('does not run a phrase from the title into the summary', () => {
    expect(matcher.topicsOf(feedPublication('Bericht der Republik', 'Armenien'))).toEqual(['armenia']);
    expect(matcher.topicsOf(feedPublication('Nordatlantikpakt', ''))).toEqual(['nato']);
  });

  it('matches inflected and compound forms', () => {
    expect(matcher.match('Armeniens Regierung')).toEqual(new Set(['armenia']));
    expect(matcher.match('OVKS-Gipfel in Minsk')).toEqual(new Set(['csto']));
    expect(matcher.match('Nato-Gipfel in Vilnius')).toEqual(new Set(['nato']));
    expect(matcher.match('Kämpfe in Ostrussland')).toEqual(new Set(['russia']));
    expect(matcher.match('Natogipfel und Kremlchef')).toEqual(new Set(['nato', 'russia']));
    expect(matcher.match('Truppen in der Westukraine')).toEqual(new Set(['ukraine']));
    expect(matcher.match('Die Vereinigten Staaten und die Russische Föderation')).toEqual(new Set(['united-states', 'russia']));
  });

  it('matches adjectives and demonyms of countries', () => {
    expect(matcher.match('Die armenische Führung')).toEqual(new Set(['armenia']));
    expect(matcher.match('russische Truppen')).toEqual(new Set(['russia']));
    expect(matcher.match('Armenian and Turkish diplomats')).toEqual(new Set(['armenia', 'turkey']));
    expect(matcher.match('Russians vote')).toEqual(new Set(['russia']));
  });

  it('reads the Kremlin as Russia', () => {
    expect(matcher.match('Der Kreml warnt')).toEqual(new Set(['russia']));
    expect(matcher.match('Sprecher des Kremls')).toEqual(new Set(['russia']));
    expect(matcher.match('The Kremlin said')).toEqual(new Set(['russia']));
  });

  it('matches no name inside an unrelated word and no near miss', () => {
    expect(matcher.match('Natorama eröffnet')).toEqual(new Set());
    expect(matcher.match('Armani zeigt neue Kollektion')).toEqual(new Set());
    expect(matcher.match('Krieg in Tschetschenien')).toEqual(new Set());
    expect(matcher.match('Wahl in Tschechien')).toEqual(new Set(['czechia']));
  });

  it('prefers a name written as one word over a compound reading of it', () => {
    expect(matcher.match('Wahl im Südsudan')).toEqual(new Set(['south-sudan']));
    expect(matcher.match('Kämpfe im Sudan')).toEqual(new Set(['sudan']));
  });

  it('matches a short name in capitals only as written', () => {
    expect(matcher.match('US-Präsident trifft UK-Premier')).toEqual(new Set(['united-states', 'united-kingdom']));
    expect(matcher.match('Tell us what you think')).toEqual(new Set());
  });

  it('knows every country of the data set', () => {
    expect(matcher.match('Wahl in der Türkei')).toEqual(new Set(['turkey']));
    expect(matcher.match('Elections in Türkiye')).toEqual(new Set(['turkey']));
    expect(matcher.match('Турция и Армения')).toEqual(new Set(['turkey', 'armenia']));
  });

  it('says where each mention stands in the text', () => {
    const text = 'Der Kreml und die Nato-Staaten, Natogipfel';
    const mentions = matcher.mentions(text);
    expect(mentions.map((m) => [text.slice(m.start, m.end), m.ids])).toEqual([
      ['Kreml', ['russia']],
      ['Nato', ['nato']],
      ['Natogipfel', ['nato']],
    ]);
  });

  it('builds one matcher per knowledge base and a new one after a reload', async () => {
    expect(topicMatcherFor(kb)).toBe(matcher);
    const reloaded = createKnowledgeBase(await loadDataFolder());
    expect(topicMatcherFor(reloaded)).not.toBe(matcher);
  });

  it('covers every name and alias of every topic and entity', () => {
    for (const record of namedRecords(kb)) {
      for (const name of record.names) expect(matcher.match(`… ${name} …`), name).toContain(record.id);
    }
  });
});

describe('topic matcher dictionary', () => {
  it('reports every record a shared phrase names', () => {
    const matcher = createTopicMatcher([
      { id: 'georgia-country', names: ['Georgia'] },
      { id: 'georgia-state', names: ['Georgia', 'State of Georgia'] },
    ]);
    expect(matcher.match('Elections in Georgia')).toEqual(new Set(['georgia-country', 'georgia-state']));
    expect(matcher.match('the state of georgia votes')).toEqual(new Set(['georgia-state']));
  });
});

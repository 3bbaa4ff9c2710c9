// The rules of the draft one by one, on forms the seed article does not print:
// Austrian and English dates, weekdays, names introduced in English, quotes in
// other quotation marks, reported speech.
import { describe, expect, it } from 'vitest';

import { loadKnowledgeBase } from '../../bench/draft-quality.js';
import { findDates } from '../../src/draft/dates.js';
import { draftArticle } from '../../src/draft/draft-article.js';
import { detectLanguage } from '../../src/draft/language.js';
import { findNewNames } from '../../src/draft/new-names.js';
import { splitParagraphs } from '../../src/draft/paragraphs.js';
import { findSpeech } from '../../src/draft/quotes.js';

const dates = (text: string, reference: string) =>
  findDates(text, reference).map(({ date, inferred }) => ({ date, inferred: inferred !== undefined }));

describe('findDates', () => {
  it.each([
    ['am 27. Dezember 2024', '2024-12-27'],
    ['am 3. Jänner 2023', '2023-01-03'],
    ['on 16 May 2022', '2022-05-16'],
    ['on May 16, 2022', '2022-05-16'],
    ['Bischkek (Kirgisistan), 13.06.2010 –', '2010-06-13'],
    ['Dezember 27, 2024', '2024-12-27'],
    ['im Mai 2022', '2022-05'],
    ['Ende März 2022', '2022-03'],
    ['seit 1992', '1992'],
  ])('reads "%s" as printed: %s', (text, date) => {
    expect(dates(text, '2025-01-31')).toEqual([{ date, inferred: false }]);
  });

  it('resolves a month or day without a year to the latest one up to when the text was written', () => {
    expect(dates('im Oktober', '2023-05')).toEqual([{ date: '2022-10', inferred: true }]);
    expect(dates('Ende März', '2023-05')).toEqual([{ date: '2023-03', inferred: true }]);
    expect(dates('am 24. Dezember', '2023-05-10')).toEqual([{ date: '2022-12-24', inferred: true }]);
  });

  it('resolves a weekday against the day the text was written, and says when that day is unknown', () => {
    // 10 May 2023 was a Wednesday.
    expect(dates('sagte er am Montag', '2023-05-10')).toEqual([{ date: '2023-05-08', inferred: true }]);
    expect(dates('said on Wednesday', '2023-05-10')).toEqual([{ date: '2023-05-10', inferred: true }]);
    const [unknown] = findDates('am Montag', '2023-05');
    expect(unknown?.date).toBeUndefined();
    expect(unknown?.inferred).toMatch(/--written YYYY-MM-DD/);
  });

  it('takes no number for a year that is not one', () => {
    expect(dates('mehr als 100 Menschen, 3.600 Personen, G7, Seite 2019a', '2023-05')).toEqual([]);
  });
});

describe('findNewNames', () => {
  const nobodyKnown = () => false;
  const names = (text: string, lang: 'de' | 'en' = 'de') =>
    findNewNames(splitParagraphs(text), nobodyKnown, lang).map(({ name, introducedAs }) => ({ name, introducedAs }));

  it('proposes people introduced by office, title or apposition, in German and English', () => {
    expect(names('Der kirgisische Präsident Sadyr Japarov reiste nach Moskau.')).toEqual([
      { name: 'Sadyr Japarov', introducedAs: 'kirgisische Präsident' },
    ]);
    expect(names('Foreign Minister Ann Linde met her colleagues.', 'en')).toEqual([{ name: 'Ann Linde', introducedAs: 'Foreign Minister' }]);
    expect(names('Anaïs Marin, eine Expertin für Russland und Belarus bei Chatham House, sagte das.')).toEqual([
      { name: 'Anaïs Marin', introducedAs: 'eine Expertin für Russland und Belarus bei Chatham House' },
    ]);
    expect(names('Jane Doe said the talks had failed.', 'en')).toEqual([{ name: 'Jane Doe', introducedAs: '' }]);
  });

  it('reads a German compound ending in an office as the office, and tells officials from experts', () => {
    const found = findNewNames(
      splitParagraphs(
        [
          'Übergangspräsidentin Rosa Otunbajewa erklärte, die Lage sei angespannt.',
          'In der Stadt werde geschossen, teilte Regierungssprecher Asimbek Beknasarow mit.',
          'Jane Doe, a professor at the University of Bishkek, said the crisis would last.',
          'Jackie Baillie, health spokeswoman for the Labour Party, said the figures were astonishing.',
        ].join('\n'),
      ),
      nobodyKnown,
      'de',
    );
    expect(found.map(({ name, introducedAs, official }) => ({ name, introducedAs, official }))).toEqual([
      { name: 'Rosa Otunbajewa', introducedAs: 'Übergangspräsidentin', official: true },
      { name: 'Asimbek Beknasarow', introducedAs: 'Regierungssprecher', official: true },
      { name: 'Jane Doe', introducedAs: 'a professor at the University of Bishkek', official: false },
      { name: 'Jackie Baillie', introducedAs: 'health spokeswoman for the Labour Party', official: true },
    ]);
  });

  it('takes a name ending in "-ie" for a name, and a German word ending so for a noun only where the text uses it as one', () => {
    expect(names('Jackie Baillie said the figures were shocking.', 'en')).toEqual([{ name: 'Jackie Baillie', introducedAs: '' }]);
    expect(names('Marie Baillie sagte, die Zahlen seien erschreckend.')).toEqual([{ name: 'Marie Baillie', introducedAs: '' }]);
    expect(names('Die Energie ist teuer. Energie Steiermark sagte, die Preise stiegen.')).toEqual([]);
  });

  it('leaves out photo credits, institutions and names the knowledge base knows', () => {
    expect(names('Foto: Didor Sadulov/Reuters')).toEqual([]);
    expect(names('Barbieri von der Universität Birmingham sagte, es sei so.')).toEqual([]);
    expect(findNewNames(splitParagraphs('Präsident Wladimir Putin sagte das.'), (name) => name.includes('Putin'), 'de')).toEqual([]);
  });
});

describe('findSpeech', () => {
  const noSources = () => [];
  const speakers = (names: Record<string, string>) => (text: string) =>
    Object.entries(names)
      .filter(([name]) => text.includes(name))
      .map(([, id]) => id);

  it('finds quotes in every kind of quotation mark, with the speaker named before or after, or earlier', () => {
    const text = [
      '“We are freezing our participation,” Pashinyan said on Wednesday.',
      'Jane Doe, an analyst, told reporters that the bloc «has no future».',
      'She added: »Es ist vorbei.«',
      'Ein Begriff wie „giftiger Partner“ ist kein Zitat.',
    ].join('\n');
    const { quotes } = findSpeech(splitParagraphs(text), speakers({ Pashinyan: 'nikol-pashinyan', 'Jane Doe': 'jane-doe' }), noSources);
    expect(quotes).toEqual([
      { paragraph: 1, text: 'We are freezing our participation,', speaker: 'nikol-pashinyan' },
      { paragraph: 2, text: 'has no future', speaker: 'jane-doe' },
      { paragraph: 3, text: 'Es ist vorbei.', speaker: 'jane-doe' },
    ]);
  });

  it('quotes nobody where the words are an institution’s, “it”’s or someone unnamed’s, and the last speaker where a pronoun says so', () => {
    const text = [
      'Jane Doe, an analyst, said: “The bloc has no future.”',
      'World Bank data laid out the costs, which it said “were larger than exports.”',
      'China pledged “free financial assistance” to the region, according to the Uzbek government.',
      'A spokesperson said: “We do not begrudge anybody.”',
      'She added: “It is over.”',
    ].join('\n');
    // "Uzbek" is no name the sources know: "government" says an institution speaks.
    const sources = speakers({ 'World Bank': 'world-bank', China: 'china', Uzbekistan: 'uzbekistan' });
    const { quotes } = findSpeech(splitParagraphs(text), speakers({ 'Jane Doe': 'jane-doe' }), sources);
    expect(quotes).toEqual([
      { paragraph: 1, text: 'The bloc has no future.', speaker: 'jane-doe' },
      { paragraph: 5, text: 'It is over.', speaker: 'jane-doe' },
    ]);
  });

  it('records reported speech without quotation marks as a paraphrase of its speaker', () => {
    const text = ['According to Jane Doe, the bloc has lost its purpose.', 'Sie sagte, die Allianz habe keine Zukunft.'].join('\n');
    const { quotes, paraphrases } = findSpeech(splitParagraphs(text), speakers({ 'Jane Doe': 'jane-doe' }), noSources);
    expect(quotes).toEqual([]);
    expect(paraphrases.map(({ paragraph, speaker }) => ({ paragraph, speaker }))).toEqual([
      { paragraph: 1, speaker: 'jane-doe' },
      { paragraph: 2, speaker: 'jane-doe' },
    ]);
  });
});

describe('detectLanguage', () => {
  it('tells German from English, and neither from French', () => {
    expect(detectLanguage('Der Präsident sagte, dass die Verhandlungen mit der Regierung nicht fortgesetzt werden.')).toBe('de');
    expect(detectLanguage('The president said that the talks with the government have been suspended.')).toBe('en');
    expect(detectLanguage('Le président a déclaré lundi que les négociations continueraient.')).toBeUndefined();
  });
});

describe('draftArticle and names it proposes', () => {
  it('quotes a new expert, and records the quoted words of a new official as her facts', async () => {
    const kb = await loadKnowledgeBase();
    const text = ['Die Politologin Johanna Weber sagte: „Die Lage ist ernst.“', 'Außenministerin Maria Roth sagte: „Wir verhandeln weiter.“'].join(
      '\n',
    );
    const draft = draftArticle(text, { id: 'test-2025-01-31-roth', date: '2025-01-31', publisher: 'test' }, kb);
    expect(draft.article.quotes.map(({ expert, paragraph }) => ({ expert, paragraph }))).toEqual([{ expert: 'johanna-weber', paragraph: 1 }]);
    const roth = draft.entities.find((e) => e.id === 'maria-roth');
    expect(roth?.kind).toBe('person');
    expect(roth?.facts.map((fact) => fact.source.paragraph)).toEqual([2, 2]);
  });

  it('finds a new person again by surname, also in the German genitive', async () => {
    const kb = await loadKnowledgeBase();
    const text = [
      'Johanna Weber, eine Expertin für Zentralasien, sagte: „Die Lage ist ernst.“',
      'Webers Einschätzung teilen viele.',
      'Weber sagte, man müsse abwarten.',
    ].join('\n');
    const draft = draftArticle(text, { id: 'test-2025-01-31-weber', date: '2025-01-31', publisher: 'test' }, kb);
    expect(draft.mentions['johanna-weber']).toEqual([1, 2, 3]);
    expect(draft.entities.find((e) => e.id === 'johanna-weber')?.kind).toBe('expert');
  });
});

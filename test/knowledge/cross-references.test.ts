import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import { checkCrossReferences, type LocatedDataset } from '../../src/knowledge/cross-references.js';
import type { Dataset } from '../../src/knowledge/knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';

// Each test breaks one rule in a fresh copy of the clean fixture and checks what is reported.
let clean: Dataset;
beforeAll(async () => {
  const result = await loadDataset(fileURLToPath(new URL('../fixtures/knowledge', import.meta.url)));
  if (!result.ok) throw new Error('fixture must be clean');
  clean = result.dataset;
});

function located(dataset: Dataset): LocatedDataset {
  return {
    articles: dataset.articles.map((value) => ({ file: `articles/${value.id}.json`, path: '$', value })),
    entities: dataset.entities.map((value, i) => ({ file: 'entities.json', path: `$[${i}]`, value })),
    topics: dataset.topics.map((value, i) => ({ file: 'topics.json', path: `$[${i}]`, value })),
  };
}

function problemsAfter(edit: (dataset: Dataset) => void): string[] {
  const copy = structuredClone(clean);
  edit(copy);
  return checkCrossReferences(located(copy)).map((p) => `${p.file} ${p.path}: ${p.message}`);
}

const article = (dataset: Dataset, id: string) => dataset.articles.find((a) => a.id === id)!;
const entity = (dataset: Dataset, id: string) => dataset.entities.find((e) => e.id === id)!;

describe('checkCrossReferences', () => {
  it('finds nothing in the clean fixture', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it('checks section ranges and key points against their section', () => {
    expect(
      problemsAfter((d) => {
        const sections = article(d, 'csto-cracks').sections;
        sections[0]!.paragraphs = [5, 2];
        sections[1]!.paragraphs = [6, 14];
        sections[1]!.keyPoints[0]!.paragraph = 3;
      }),
    ).toEqual([
      'articles/csto-cracks.json $.sections[0].paragraphs: range 5–2 is reversed',
      'articles/csto-cracks.json $.sections[0].keyPoints[0].paragraph: paragraph 2 is outside its section (5–2)',
      "articles/csto-cracks.json $.sections[1].paragraphs: range 6–14 is beyond the article's 12 paragraphs",
      'articles/csto-cracks.json $.sections[1].keyPoints[0].paragraph: paragraph 3 is outside its section (6–14)',
    ]);
  });

  it('checks the paragraphs a timeline event draws on', () => {
    expect(
      problemsAfter((d) => {
        const event = article(d, 'csto-cracks').timeline[0]!;
        event.alsoParagraphs = [13, event.paragraph];
      }),
    ).toEqual([
      'articles/csto-cracks.json $.timeline[0].alsoParagraphs[0]: paragraph 13 is beyond the 12 paragraphs of article "csto-cracks"',
      `articles/csto-cracks.json $.timeline[0].alsoParagraphs[1]: paragraph ${article(clean, 'csto-cracks').timeline[0]!.paragraph} is already its main paragraph (\`paragraph\`)`,
    ]);
  });

  it("reports an article correction of wording a quote's own correction already corrects", () => {
    expect(
      problemsAfter((d) => {
        const cracks = article(d, 'csto-cracks');
        const quote = cracks.quotes[1]!;
        quote.correction = { meaning: { de: 'gemeint', en: 'meant' }, reason: { de: 'Grund', en: 'reason' } };
        cracks.corrections.push({
          articleSays: `sagte, „${quote.text}“`,
          corrected: { de: 'richtig', en: 'right' },
          reason: { de: 'Grund', en: 'reason' },
          source: { article: cracks.id, paragraph: quote.paragraph },
        });
      }),
    ).toEqual([
      `articles/csto-cracks.json $.corrections[0].articleSays: the correction of quote "barbieri-cracks" already corrects this wording; keep one of the two`,
    ]);
  });

  it('reports overlapping sections', () => {
    expect(problemsAfter((d) => (article(d, 'csto-cracks').sections[1]!.paragraphs = [5, 12]))).toEqual([
      'articles/csto-cracks.json $.sections[1].paragraphs: range 5–12 overlaps the previous section, which ends at 5',
    ]);
  });

  it('rejects timeline events after the article, comparing partial dates by their start', () => {
    expect(
      problemsAfter((d) => {
        const timeline = article(d, 'belarus-drills').timeline;
        timeline[0]!.date = '2023-05'; // same month as the article (2023-05-10): fine
        timeline.push({ ...timeline[0]!, id: 'later', date: '2023-05-11' });
      }),
    ).toEqual(["articles/belarus-drills.json $.timeline[1].date: 2023-05-11 is after the article's date 2023-05-10"]);
  });

  it('checks kinds and existence of referenced records', () => {
    expect(
      problemsAfter((d) => {
        const csto = entity(d, 'csto');
        if (csto.kind === 'alliance') csto.members[0]!.country = 'vladimir-putin';
        const putin = entity(d, 'vladimir-putin');
        if (putin.kind === 'person') putin.roles[0]!.source = { article: 'no-such-article', paragraph: 1 };
        const a = article(d, 'csto-cracks');
        a.quotes[0]!.expert = 'vladimir-putin';
        a.topics.push('no-topic');
        a.timeline[0]!.entities.push('atlantis');
      }),
    ).toEqual([
      'entities.json $[0].members[0].country: "vladimir-putin" is a person, not a country',
      'entities.json $[8].roles[0].source.article: unknown article "no-such-article"',
      'articles/csto-cracks.json $.topics[2]: unknown topic "no-topic"',
      'articles/csto-cracks.json $.quotes[0].expert: "vladimir-putin" is a person, not an expert',
      'articles/csto-cracks.json $.timeline[0].entities[1]: unknown entity "atlantis"',
    ]);
  });

  it('requires unique quote and event ids within an article, and unique article ids', () => {
    expect(
      problemsAfter((d) => {
        const a = article(d, 'csto-cracks');
        a.quotes[1]!.id = a.quotes[0]!.id;
        d.articles.push({ ...article(d, 'belarus-drills') });
      }),
    ).toEqual([
      'articles/belarus-drills.json $.id: duplicate id "belarus-drills" (first at articles/belarus-drills.json $.id)',
      'articles/csto-cracks.json $.quotes[1].id: duplicate id "barbieri-imitation" (first at articles/csto-cracks.json $.quotes[0].id)',
    ]);
  });
  it('checks what quotes are about, their original wording, first publication and the paragraphs of key points', () => {
    const source = { publisher: 'Insider', title: 'The original', date: '2023-05' };
    expect(
      problemsAfter((d) => {
        const a = article(d, 'csto-cracks');
        a.quotes[0]!.about.push('atlantis');
        a.quotes[0]!.original = { text: 'wirklich Risse', language: 'de', source };
        a.quotes[1]!.original = { text: 'really showing cracks', language: 'en', source: { ...source, date: '2025-01' } };
        a.firstPublished = { by: 'Insider', date: '2025', reason: { de: '-', en: '-' } };
        a.sections[0]!.keyPoints[0]!.alsoParagraphs = [13, 9];
      }),
    ).toEqual([
      'articles/csto-cracks.json $.sections[0].keyPoints[0].alsoParagraphs[0]: paragraph 13 is outside its section (1–5)',
      'articles/csto-cracks.json $.sections[0].keyPoints[0].alsoParagraphs[1]: paragraph 9 is outside its section (1–5)',
      'articles/csto-cracks.json $.sections[0].keyPoints[0].alsoParagraphs[0]: paragraph 13 is beyond the 12 paragraphs of article "csto-cracks"',
      "articles/csto-cracks.json $.firstPublished.date: 2025 is after the article's date 2024-12-27",
      'articles/csto-cracks.json $.quotes[0].about[1]: unknown entity "atlantis"',
      'articles/csto-cracks.json $.quotes[0].original.language: the original wording must be in another language than the printed German',
      "articles/csto-cracks.json $.quotes[1].original.source.date: 2025-01 is after the article's date 2024-12-27",
    ]);
  });
});

// Organisations and places are entity kinds like the others: optional files of
// their own, their country checked, found by lookups and by the name matcher.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import { loadDataset } from '../../src/knowledge/load.js';
import { createTopicMatcher, namedRecords } from '../../src/knowledge/topic-matcher.js';

const fixture = fileURLToPath(new URL('../fixtures/knowledge', import.meta.url));
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const record = (id: string, kind: string, name: string, country?: string): object => ({
  id,
  kind,
  name: { de: name, en: name },
  aliases: [],
  description: { de: `${name}.`, en: `${name}.` },
  facts: [],
  ...(country === undefined ? {} : { country }),
});

/** The knowledge fixture with organisations.json and places.json added. */
function folderWith(organisations: object[], places: object[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'lagebild-kinds-'));
  dirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  writeFileSync(join(dir, 'entities', 'organisations.json'), JSON.stringify(organisations));
  writeFileSync(join(dir, 'entities', 'places.json'), JSON.stringify(places));
  return dir;
}

describe('organisations and places', () => {
  it('load from their own files, are looked up and matched in text like any entity', async () => {
    const result = await loadDataset(
      folderWith([record('chatham-house', 'organisation', 'Chatham House')], [record('ryazan', 'place', 'Rjasan', 'russia')]),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const kb = createKnowledgeBase(result.dataset);
    expect(kb.resolve('organisation', 'chatham house')).toBe('chatham-house');
    expect(kb.resolve('place', 'RJASAN')).toBe('ryazan');
    expect(kb.entitiesOfKind('place').map((p) => p.id)).toEqual(['ryazan']);
    const matcher = createTopicMatcher(namedRecords(kb));
    expect([...matcher.match('Eine Expertin von Chatham House über die Region Rjasan')].sort()).toEqual(['chatham-house', 'ryazan']);
  });

  it('are optional files, but each holds only its kind and names a known country', async () => {
    const result = await loadDataset(
      folderWith([record('chatham-house', 'place', 'Chatham House')], [record('ryazan', 'place', 'Rjasan', 'ruritania')]),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { file: 'entities/organisations.json', path: '$[0].kind', message: 'a place does not belong in a file of organisation records' },
    ]);
    const withBadCountry = await loadDataset(folderWith([], [record('ryazan', 'place', 'Rjasan', 'ruritania')]));
    expect(withBadCountry.ok).toBe(false);
    if (withBadCountry.ok) return;
    expect(withBadCountry.problems.map((p) => [p.file, p.path])).toEqual([['entities/places.json', '$[0].country']]);
    expect((await loadDataset(fixture)).ok).toBe(true);
  });
});

// `lagebild publish` and `lagebild feed preview`, run as built (npm test builds first).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { decodeFeed } from '../../src/feeds/decode-feed.js';
import { parseFeed } from '../../src/feeds/parse-feed.js';
import { Id } from '../../src/knowledge/schema.js';
import { fixture, serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { without } from '../support/without.js';
import { articleJson, cli, copyData, DATA_DIR, type NewArticle, recordName, tempWorkDir } from './harness.js';

const work = tempWorkDir('e2e-alerts-cli');
afterAll(() => work.remove());

const FEEDS = join(DATA_DIR, '..', 'test/fixtures/feeds');

const spec: NewArticle = {
  id: 'e2e-2025-03-01-csto-exercise',
  title: { en: 'CSTO holds a staff exercise without Armenia', de: 'OVKS hält eine Stabsübung ohne Armenien ab' },
  topics: ['csto-cohesion'],
  entities: ['csto', 'armenia'],
  point: { en: 'Armenia stayed away from the exercise.', de: 'Armenien blieb der Übung fern.' },
};

/** A fresh data folder copy and the file of an article to publish into it. */
function setUp(name: string, article: unknown): { data: string; file: string } {
  const dir = join(work.path, name);
  mkdirSync(dir);
  const file = join(dir, 'article.json');
  writeFileSync(file, typeof article === 'string' ? article : JSON.stringify(article, null, 2));
  return { data: copyData(dir), file };
}

const articleFiles = (data: string) => readdirSync(join(data, 'articles')).sort();

describe('lagebild publish', () => {
  it('copies a valid article into articles/<id>.json and says what happens next', async () => {
    const { data, file } = setUp('valid', articleJson(spec));
    const before = articleFiles(data);
    const { code, stdout, stderr } = await cli('publish', file, '--data', data);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(articleFiles(data)).toEqual([...before, `${spec.id}.json`].sort());
    expect(readFileSync(join(data, 'articles', `${spec.id}.json`), 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(stdout).toContain(`Published ${spec.id}`);
    expect(stdout).toMatch(/running bot picks it up from the data folder and alerts every channel subscribed to its topics, once/);
    // The folder with it still passes the check a bot's reload runs.
    expect((await cli('check', data)).code).toBe(0);
  });

  it('updates an article of the same id in place', async () => {
    const { data, file } = setUp('update', articleJson(spec));
    expect((await cli('publish', file, '--data', data)).code).toBe(0);
    const changed = articleJson({ ...spec, title: { ...spec.title, en: 'CSTO staff exercise: Armenia absent' } });
    writeFileSync(file, JSON.stringify(changed));
    const { code, stdout } = await cli('publish', file, '--data', data);
    expect(code).toBe(0);
    expect(stdout).toContain(`Updated ${spec.id}`);
    const published = JSON.parse(readFileSync(join(data, 'articles', `${spec.id}.json`), 'utf8')) as { title: { en: string } };
    expect(published.title.en).toBe(changed.title.en);
  });

  it('prints each schema problem as "file: path: message", exits 1 and copies nothing', async () => {
    const withoutSummary = without(articleJson(spec), 'summary');
    const { data, file } = setUp('schema', { ...withoutSummary, date: '2025-02-30' });
    const before = articleFiles(data);
    const { code, stdout, stderr } = await cli('publish', file, '--data', data);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual([`${file}: $.date: is not a real calendar date`, `${file}: $.summary: missing required field`]);
    expect(stderr).toContain('nothing was copied');
    expect(articleFiles(data)).toEqual(before);
  });

  it('reports references the data folder cannot resolve, and copies nothing', async () => {
    const { data, file } = setUp('reference', articleJson({ ...spec, entities: ['csto', 'atlantis'] }));
    const before = articleFiles(data);
    const { code, stdout } = await cli('publish', file, '--data', data);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toEqual([`${file}: $.entities[1]: unknown entity "atlantis"`]);
    expect(articleFiles(data)).toEqual(before);
  });

  it('reports a file that is not JSON under its own name', async () => {
    const { data, file } = setUp('not-json', '{ "id": ');
    const { code, stdout } = await cli('publish', file, '--data', data);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\$: invalid JSON at line 1, column \\d+: unexpected end of file\\n$`),
    );
  });

  it('refuses to overwrite a file that holds an article of another id', async () => {
    const { data, file } = setUp('other-id', articleJson(spec));
    // articles/<id>.json already exists, but holds another article (a folder broken by hand).
    const squatter = articleJson({ ...spec, id: 'e2e-2025-03-01-other' });
    writeFileSync(join(data, 'articles', `${spec.id}.json`), JSON.stringify(squatter));
    const { code, stderr } = await cli('publish', file, '--data', data);
    expect(code).toBe(1);
    expect(stderr).toContain('holds another article (e2e-2025-03-01-other); not overwritten');
    expect((JSON.parse(readFileSync(join(data, 'articles', `${spec.id}.json`), 'utf8')) as { id: string }).id).toBe(squatter.id);
  });

  it.each<[string[]]>([[['publish']], [['publish', 'a.json', 'b.json']], [['publish', 'a.json', '--force']]])(
    'exits 2 on a usage error (%j)',
    async (args) => {
      const { code, stderr } = await cli(...args);
      expect(code).toBe(2);
      expect(stderr).toContain('Usage:');
    },
  );
});

interface PreviewJson {
  items: { id: string; title: string; link: string | null; published: string | null; topics: string[] }[];
}

describe('lagebild feed preview', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    server.route('/sicherheit.rss', serve(fixture('rss2-sicherheit.xml'), 'application/rss+xml'));
    server.route('/truncated.xml', serve(fixture('truncated.xml'), 'application/rss+xml'));
  });
  afterAll(() => server.close());

  it('prints exactly {items:[{id,title,link,published,topics}]} with --json, over http', async () => {
    const { code, stdout, stderr } = await cli('feed', 'preview', server.url('/sicherheit.rss'), '--json');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const body = JSON.parse(stdout) as PreviewJson;
    expect(Object.keys(body)).toEqual(['items']);
    // The items as the poller reads them (the CLI adds only the topics).
    const polled = parseFeed(decodeFeed(fixture('rss2-sicherheit.xml')).text, { baseUrl: server.url('/sicherheit.rss') }).items;
    expect(body.items.map((item) => without(item, 'topics'))).toEqual(
      polled.map((item) => ({ id: item.id, title: item.title, link: item.link ?? null, published: item.published ?? null })),
    );
    for (const item of body.items) {
      expect(Object.keys(item)).toEqual(['id', 'title', 'link', 'published', 'topics']);
      for (const topic of item.topics) expect(Id.safeParse(topic).success).toBe(true);
    }
    // An item naming "OVKS" (the German abbreviation of the CSTO) matches the csto entity.
    const ovks = body.items.filter((item) => /\bOVKS\b/.test(item.title));
    expect(ovks.length).toBeGreaterThan(0);
    for (const item of ovks) expect(item.topics).toContain('csto');
    expect(body.items.find((item) => item.title.startsWith('NATO'))?.topics).toContain('nato');
  });

  it('reads a file the same way, and prints the topics by name without --json', async () => {
    const file = join(FEEDS, 'rss2-sicherheit.xml');
    const { code, stdout } = await cli('feed', 'preview', file);
    expect(code).toBe(0);
    const json = JSON.parse((await cli('feed', 'preview', file, '--json')).stdout) as PreviewJson;
    for (const item of json.items) expect(stdout).toContain(item.title);
    expect(stdout).toContain(`csto (${recordName('csto').en})`);
  });

  it('previews Atom and JSON Feed as well', async () => {
    for (const name of ['atom-osce.xml', 'feed.json']) {
      const { code, stdout } = await cli('feed', 'preview', join(FEEDS, name), '--json');
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as PreviewJson).items.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['a truncated feed over http', () => server.url('/truncated.xml'), /truncated/],
    ['a 404', () => server.url('/missing.rss'), /HTTP 404/],
    ['a page that is not a feed', () => join(FEEDS, 'html-page.html'), /not a feed/],
    ['a missing file', () => join(FEEDS, 'no-such-feed.xml'), /ENOENT/],
  ])('exits 1 with one line on stderr for %s', async (_what, source, reason) => {
    const { code, stdout, stderr } = await cli('feed', 'preview', source(), '--json');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lagebild: the feed cannot be used: .+\n$/);
    expect(stderr).toMatch(reason);
  });

  it.each<[string[]]>([[['feed']], [['feed', 'show', 'x.xml']], [['feed', 'preview']], [['feed', 'preview', 'a.xml', 'b.xml']]])(
    'exits 2 on a usage error (%j)',
    async (args) => {
      const { code, stderr } = await cli(...args);
      expect(code).toBe(2);
      expect(stderr).toContain('Usage:');
    },
  );
});

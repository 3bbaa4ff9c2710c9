// The operator's feed list: LAGEBILD_FEEDS plus a file of one URL per line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { feedList, FeedListError } from '../../src/app/feed-list.js';

const dir = mkdtempSync(join(tmpdir(), 'lagebild-feeds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function feedsFile(text: string): string {
  const file = join(dir, `feeds-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  return file;
}

describe('feedList', () => {
  it('merges the setting with the file, skipping comments and blank lines, without duplicates', async () => {
    const file = feedsFile('# news\nhttps://a.example/feed.xml # main\n\nhttp://b.example/rss\r\n');
    expect(await feedList(['https://a.example/feed.xml'], file)).toEqual(['https://a.example/feed.xml', 'http://b.example/rss']);
  });

  it('names every line that is not an http(s) URL', async () => {
    const file = feedsFile('https://a.example/feed.xml\nftp://x.example/feed\nnot a url\n');
    await expect(feedList([], file)).rejects.toThrow(
      new FeedListError(
        `the feeds file has problems:\n${file}:2: "ftp://x.example/feed" is not an http(s) URL\n${file}:3: "not a url" is not an http(s) URL`,
      ),
    );
  });

  it('refuses URLs with a user name or password, naming the feed without them', async () => {
    const file = feedsFile('https://a.example/feed.xml\nhttps://reader:hunter2@b.example/rss\n');
    const error = await feedList([], file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedListError);
    expect((error as Error).message).toMatch(new RegExp(`${file}:2: https://b\\.example/rss has a user name or password in it`));
    expect((error as Error).message).not.toMatch(/hunter2|reader/);
  });

  it('says which setting to fix when the file cannot be read', async () => {
    await expect(feedList([], join(dir, 'missing.txt'))).rejects.toThrow(/LAGEBILD_FEEDS_FILE .*missing\.txt cannot be read \(ENOENT\)/);
  });

  it('is just the setting without a file', async () => {
    expect(await feedList(['https://a.example/feed.xml'], undefined)).toEqual(['https://a.example/feed.xml']);
  });
});

// Spawns the built CLI (npm test builds first): ask, complete, check and usage errors.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { DATA_DIR, REPO_ROOT } from '../../scripts/bot-process.js';
import { parkFailedDelivery } from '../../src/alerts/failed-deliveries.js';
import { openStore } from '../../src/store/open-store.js';
import { failedDelivery } from '../alerts/failed-delivery-fixture.js';
import { ARTICLE_FLAT } from '../commands/harness.js';

/** The parts of an interaction response body these tests read. */
interface ResponseBody {
  type: number;
  data: { allowed_mentions?: unknown; embeds: { title?: string }[]; choices: unknown[] };
}
const responseOf = (stdout: string) => JSON.parse(stdout) as ResponseBody;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/lagebild.js', ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), 'lagebild-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lagebild ask', () => {
  it('prints exactly the interaction response body with --json', () => {
    const { code, stdout } = cli('ask', '/alliance name:csto', '--json');
    expect(code).toBe(0);
    const body = responseOf(stdout);
    expect(body.type).toBe(4);
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    expect(body.data.embeds[0]?.title).toBe('CSTO');
  });

  it('fills the first required option from a bare value and answers in German', () => {
    const { code, stdout } = cli('ask', '/expert barbieri', '--locale', 'de');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# .*Barbieri/m);
    const quote = /^\s+„(.+?)“ —/m.exec(stdout)?.[1];
    expect(ARTICLE_FLAT).toContain(quote);
  });

  it('reads quoted values with spaces, like the chat box', () => {
    const { code, stdout } = cli('ask', '/timeline topic:"Collective Security Treaty Organization"', '--json');
    expect(code).toBe(0);
    expect(responseOf(stdout).data.embeds[0]?.title).toBe('Timeline: CSTO');
  });
});

describe('lagebild complete', () => {
  it('prints the autocomplete answer for the last option', () => {
    const { code, stdout } = cli('complete', '/expert name:bar', '--json');
    expect(code).toBe(0);
    const body = responseOf(stdout);
    expect(body.type).toBe(8);
    expect(body.data.choices[0]).toEqual({ name: expect.stringContaining('Barbieri') as unknown, value: 'yaroslava-barbieri' });
  });
});

describe('lagebild check', () => {
  it('accepts the bundled data', () => {
    const { code, stdout } = cli('check');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK/);
  });

  it('prints "file: path: message" per problem and exits 1', () => {
    const dir = join(scratch, 'broken');
    cpSync(DATA_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'topics.json'), '[{"id": "Not A Slug"}]');
    mkdirSync(join(dir, 'articles'), { recursive: true });
    const { code, stdout } = cli('check', dir);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^[\w./-]+\.json: \$\S*: .+/);
    expect(stdout).toMatch(/^topics\.json: /m);
  });
});

describe('--locale', () => {
  it('takes a bare language or another case as the Discord locale it names', () => {
    const german = cli('ask', '/expert barbieri', '--locale', 'DE');
    const english = cli('ask', '/expert barbieri', '--locale', 'en');
    expect([german.code, english.code]).toEqual([0, 0]);
    expect(german.stdout).toBe(cli('ask', '/expert barbieri', '--locale', 'de').stdout);
    expect(english.stdout).toBe(cli('ask', '/expert barbieri', '--locale', 'en-US').stdout);
    expect(english.stdout).not.toBe(german.stdout);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['frobnicate']],
    [['ask', '/nope']],
    [['ask', '/alliance', 'colour:red']],
    [['ask', '/alliance']],
    [['ask', '/alliance csto', '--verbose']],
    [['ask', '/alliance csto', '--locale', 'xx']],
    [[]],
  ])('%j', (args) => {
    const { code, stdout, stderr } = cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage:');
  });
});

describe('lagebild alerts failed', () => {
  it('lists the deliveries kept as failed, and says so when there are none', async () => {
    const storeUrl = `sqlite:${join(scratch, 'failed', 'lagebild.sqlite')}`;
    const store = await openStore(storeUrl);
    try {
      expect(cli('alerts', 'failed', '--store', storeUrl)).toMatchObject({ code: 0, stdout: 'No failed alert deliveries.\n' });
      await parkFailedDelivery(
        store,
        failedDelivery({
          deliveryId: 'feed:abc:guid:1|sub1',
          failedAt: '2025-03-03T08:00:00.000Z',
          code: 50035,
          reason: 'Invalid Form Body\nembeds[0].timestamp: Could not parse',
        }),
      );
    } finally {
      await store.close();
    }
    const { code, stdout } = cli('alerts', 'failed', '--store', storeUrl);
    expect(code).toBe(0);
    expect(stdout).toContain('feed:abc:guid:1|sub1');
    expect(stdout).toContain('channel 1400000000000000001, 1 attempt(s), HTTP 400 (code 50035)');
    expect(stdout).toContain('  embeds[0].timestamp: Could not parse');
    expect(stdout).toContain('1 failed alert delivery.');
    expect(cli('alerts', 'sent', '--store', storeUrl).code).toBe(2);

    // --clear lists them once more, then removes what it listed.
    const cleared = cli('alerts', 'failed', '--clear', '--store', storeUrl);
    expect(cleared).toMatchObject({ code: 0 });
    expect(cleared.stdout).toContain('feed:abc:guid:1|sub1');
    expect(cleared.stdout).toContain('Removed 1 of them from the store.');
    expect(cli('alerts', 'failed', '--store', storeUrl)).toMatchObject({ code: 0, stdout: 'No failed alert deliveries.\n' });
  });
});

describe('lagebild alerts failed --store', () => {
  it.each(['postgres://db/lagebild', 'sqlite://', 'sqlite://state.db?mode=ro'])('refuses %s with the forms it takes, not a stack trace', (store) => {
    const { code, stdout, stderr } = cli('alerts', 'failed', '--store', store);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^lagebild: --store must be "sqlite:PATH" .*redis:\/\/HOST:PORT.*: .+\.\n$/);
    expect(stderr).not.toContain('    at ');
  });
});

describe('lagebild feed ingest, then ask /news', () => {
  /** The CLI with the store at a file of its own, as LAGEBILD_STORE names it for the bot. */
  function cliWithStore(store: string, ...args: string[]) {
    const result = spawnSync(process.execPath, ['bin/lagebild.js', ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, LAGEBILD_STORE: `sqlite:${store}` },
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('stores a feed as news items, says which are new and which are stored, and ask answers them from the store', () => {
    const store = join(scratch, 'news', 'lagebild.sqlite');
    const feedFile = join(scratch, 'news-feed.xml');
    const day = 24 * 60 * 60_000;
    const date = new Date(Date.now() - day).toUTCString();
    writeFileSync(
      feedFile,
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>https://wire.example/</link><language>en-gb</language>
       <item><guid>w-1</guid><title>Armenia and the CSTO: talks in Yerevan</title><link>https://wire.example/1</link><pubDate>${date}</pubDate></item>
       <item><guid>w-old</guid><title>Armenia in an old report</title><pubDate>${new Date(Date.now() - 400 * day).toUTCString()}</pubDate></item>
       <item><guid>w-empty</guid><link>javascript:alert(1)</link></item>
       </channel></rss>`,
    );
    // Before any ingest there is no store: ask answers and says why it has no news.
    const before = cliWithStore(store, 'ask', '/news armenia', '--json');
    expect(before.code).toBe(0);
    expect(before.stderr).toContain(`answering without news: there is no store at ${store}`);

    const first = cliWithStore(store, 'feed', 'ingest', feedFile, '--json');
    expect(first.code).toBe(0);
    const items = (JSON.parse(first.stdout) as { items: { title: string; topics: string[]; new: boolean; stored: boolean; link: string }[] }).items;
    // The item with nothing to show is left out; the one older than the retention (180 days) is read, not stored.
    expect(items).toEqual([
      expect.objectContaining({ title: 'Armenia and the CSTO: talks in Yerevan', link: 'https://wire.example/1', new: true, stored: true }),
      expect.objectContaining({ title: 'Armenia in an old report', new: true, stored: false }),
    ]);
    expect(items[0]?.topics).toEqual(['armenia', 'csto']);
    // Read again: the same items, not new.
    const again = cliWithStore(store, 'feed', 'ingest', feedFile, '--json');
    expect((JSON.parse(again.stdout) as { items: { new: boolean }[] }).items.map((item) => item.new)).toEqual([false, false]);
    expect(cliWithStore(store, 'feed', 'ingest', feedFile).stdout).toContain('1 item(s) had no title, summary or link and were left out.');

    const answer = cliWithStore(store, 'ask', '/news armenia', '--json');
    expect(answer.code).toBe(0);
    const embed = responseOf(answer.stdout).data.embeds[0] as { title?: string; description?: string };
    expect(embed.title).toBe('Latest news: Armenia');
    expect(embed.description).toContain('Armenia and the CSTO: talks in Yerevan');
    expect(embed.description).not.toContain('old report');
    // A file's items name their source by the site the feed links to.
    expect(embed.description).toContain('Test Wire (wire.example)');
  });
});

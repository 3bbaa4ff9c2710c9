// Issue 9, feed URLs, with the real bot process and the built CLI: a feed the
// operator configured on 127.0.0.1 is fetched, but a redirect from it to another
// local server is refused (that server never sees a request) unless
// LAGEBILD_FEEDS_ALLOW_PRIVATE=true; a feed URL with credentials stops start-up
// with a message that names the feed without them. (A public name resolving to
// an internal address is covered with an injected resolver in test/feeds/feed-target.test.ts:
// there is no DNS here.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { botEnv, BotProcess, type LogLine } from '../e2e/bot-process.js';
import { fixture, serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { tearDown } from '../support/teardown.js';
import { type BotProcess as Bot, cliWith, startGatewayBot, tempWorkDir, TEST_TOKEN } from './harness.js';

const SECRET = 'hunter2-feed-password';

describe('feed URLs: where the bot may fetch from', () => {
  const work = tempWorkDir('e2e-feed-targets');
  let discord: LocalDiscord;
  /** The operator's feed server. */
  let feeds: TestServer;
  /** Another local server, standing for anything internal a redirect could point at. */
  let internal: TestServer;
  let bot: Bot | undefined;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    feeds = await startTestServer();
    internal = await startTestServer();
    const rss = fixture('rss2-sicherheit.xml');
    feeds.route('/direct.rss', serve(rss, 'application/rss+xml'));
    feeds.route('/bounce.rss', (_request, response) => response.writeHead(302, { location: internal.url('/internal.rss') }).end());
    internal.route('/internal.rss', serve(rss, 'application/rss+xml'));
  });

  afterAll(() => tearDown(bot, [feeds, internal, discord], work));

  it('fetches the configured feed on 127.0.0.1 and refuses its redirect to another internal server', async () => {
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_FEEDS: `${feeds.url('/direct.rss')},${feeds.url('/bounce.rss')}` });
    const refused = await bot.waitForLog(
      (line: LogLine) => line.msg === 'feed could not be read; retrying later' && line.feed === feeds.url('/bounce.rss'),
    );
    expect(JSON.stringify(refused.err)).toMatch(/internal address.*LAGEBILD_FEEDS_ALLOW_PRIVATE=true/);
    expect(feeds.requests.filter((r) => r.path === '/direct.rss')).toHaveLength(1);
    expect(feeds.requests.filter((r) => r.path === '/bounce.rss')).toHaveLength(1);
    // The redirect target never saw a request.
    expect(internal.requests).toEqual([]);
    // The direct feed was read fine: no failure logged for it.
    expect(bot.findLogs((line) => line.msg === 'feed could not be read; retrying later' && line.feed === feeds.url('/direct.rss'))).toEqual([]);
    expect(await bot.stop()).toEqual({ code: 0, signal: null });
    bot = undefined;
  });

  it('follows that redirect with LAGEBILD_FEEDS_ALLOW_PRIVATE=true', async () => {
    const other = tempWorkDir('e2e-feed-targets-allowed');
    try {
      bot = await startGatewayBot(discord, other.path, { LAGEBILD_FEEDS: feeds.url('/bounce.rss'), LAGEBILD_FEEDS_ALLOW_PRIVATE: 'true' });
      await expect.poll(() => internal.requests.length, { timeout: 15_000 }).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bot.findLogs('feed could not be read; retrying later')).toEqual([]);
      expect(await bot.stop()).toEqual({ code: 0, signal: null });
      bot = undefined;
    } finally {
      other.remove();
    }
  });

  it('stops at start on a feed URL with credentials, naming the feed without them', async () => {
    const withCredentials = feeds.url('/direct.rss').replace('http://', `http://reader:${SECRET}@`);
    const requestsBefore = feeds.requests.length;
    const process = BotProcess.start(botEnv(discord, work.path, { LAGEBILD_FEEDS: withCredentials }), work.path);
    expect(await process.waitForExit()).toEqual({ code: 1, signal: null });
    expect(process.stderr).toContain(`LAGEBILD_FEEDS entry 1: ${feeds.url('/direct.rss')} has a user name or password in it`);
    expect(process.output).not.toContain(SECRET);
    expect(process.output).not.toContain('reader');
    expect(feeds.requests.length).toBe(requestsBefore);
  });

  describe('lagebild feed preview follows the same rules', () => {
    it('refuses the redirect to another internal server, and follows it when allowed', async () => {
      const before = internal.requests.length;
      const refused = await cliWith({}, 'feed', 'preview', feeds.url('/bounce.rss'), '--json');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^lagebild: the feed cannot be used: .*internal address.*LAGEBILD_FEEDS_ALLOW_PRIVATE=true.*\n$/);
      expect(internal.requests.length).toBe(before);

      const allowed = await cliWith({ LAGEBILD_FEEDS_ALLOW_PRIVATE: 'true' }, 'feed', 'preview', feeds.url('/bounce.rss'), '--json');
      expect(allowed.code).toBe(0);
      expect(internal.requests.length).toBe(before + 1);
    });

    it('still reads a feed configured on 127.0.0.1 directly', async () => {
      expect((await cliWith({}, 'feed', 'preview', feeds.url('/direct.rss'), '--json')).code).toBe(0);
    });

    it('refuses a URL with credentials without printing them', async () => {
      const result = await cliWith({}, 'feed', 'preview', feeds.url('/direct.rss').replace('http://', `http://reader:${SECRET}@`));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${feeds.url('/direct.rss')} has a user name or password in it`);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    });
  });
});

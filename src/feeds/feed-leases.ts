// One poller per feed, however many processes poll: a process fetches a feed only while
// it holds the feed's lease in the shared store, and takes at most its fair share of the
// feeds (all feeds over the live pollers, counted through presence in the store), so the
// work spreads out when there are many feeds and several processes.
//
// Every `renewMs` a process announces itself, renews its leases, gives up leases beyond
// its share (not one it is polling: the next holder would read the feed's state before
// this poll recorded it) and takes free ones up to its share. A lease lasts two renewals,
// so one slow renewal costs nothing; a holder that dies stops renewing, and another
// process takes the feed within `leaseMs + renewMs` (plus one renewal while the dead
// one's presence runs out), which the defaults keep under one poll interval.

export interface LeaseStore {
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<boolean>;
  announcePresence(group: string, member: string, ttlMs: number): Promise<number>;
  withdrawPresence(group: string, member: string): Promise<void>;
}

/** What the poller asks: may it poll this feed now, and while it does, the lease stays. */
export interface FeedGate {
  /** Runs `task` if this process holds the feed's lease (resolves undefined otherwise); the lease is not given up meanwhile. */
  whileHeld<T>(url: string, task: () => Promise<T>): Promise<T | undefined>;
}

export interface FeedLeasesOptions {
  feeds: readonly string[];
  store: LeaseStore;
  /** This process's name in the store: unique per process (host, pid and a random part). */
  holder: string;
  /** How often leases are renewed and rebalanced. */
  renewMs: number;
  /** How long a lease lasts without renewal; longer than `renewMs`. */
  leaseMs: number;
  /** Called after a renewal that took feeds this process did not hold before (poll them when due). */
  onAcquired?(feeds: readonly string[]): void;
  onError?(error: unknown): void;
  now?: () => number;
}

export interface FeedLeases extends FeedGate {
  /** Renews, rebalances and takes free feeds once; start() repeats it every renewMs. */
  renew(): Promise<void>;
  start(): void;
  /** Stops renewing and gives every lease and the presence up, so the others take over at once. */
  stop(): Promise<void>;
  /** The feeds this process holds, as of the last renewal. */
  held(): string[];
}

const PRESENCE_GROUP = 'feed-pollers';
const leaseName = (url: string) => `feed:${url}`;

/** Renewal every sixth of the interval (at most every 30 s); a lease lasts two renewals: takeover well within one interval. */
export function leaseTimings(intervalMs: number): { renewMs: number; leaseMs: number } {
  const renewMs = Math.min(30_000, Math.max(100, Math.floor(intervalMs / 6)));
  return { renewMs, leaseMs: 2 * renewMs };
}

export function createFeedLeases(options: FeedLeasesOptions): FeedLeases {
  const { store, holder, renewMs, leaseMs, now = Date.now } = options;
  const feeds = [...new Set(options.feeds)];
  /** Feed → until when this process may count on its lease (its own clock). */
  const held = new Map<string, number>();
  const busy = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let renewing: Promise<void> | undefined;
  let stopped = true;

  const holds = (url: string) => (held.get(url) ?? 0) > now();

  async function acquire(url: string, startedAt: number): Promise<boolean> {
    const won = await store.acquireLease(leaseName(url), holder, leaseMs);
    if (won) held.set(url, startedAt + leaseMs);
    else held.delete(url);
    return won;
  }

  async function renewOnce(): Promise<void> {
    const startedAt = now();
    const pollers = await store.announcePresence(PRESENCE_GROUP, holder, leaseMs);
    const share = Math.ceil(feeds.length / Math.max(1, pollers));
    for (const url of [...held.keys()]) await acquire(url, startedAt);
    // Beyond the share: give up the last ones, never one being polled.
    for (const url of [...held.keys()].reverse()) {
      if (held.size <= share) break;
      if (busy.has(url)) continue;
      held.delete(url);
      await store.releaseLease(leaseName(url), holder);
    }
    const taken: string[] = [];
    for (const url of feeds) {
      if (held.size >= share) break;
      if (!held.has(url) && (await acquire(url, startedAt))) taken.push(url);
    }
    if (taken.length > 0) options.onAcquired?.(taken);
  }

  function renew(): Promise<void> {
    renewing ??= renewOnce()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  }

  function loop(): void {
    void renew().then(() => {
      if (!stopped) timer = setTimeout(loop, renewMs);
    });
  }

  return {
    renew,
    held: () => feeds.filter(holds),
    async whileHeld(url, task) {
      if (!holds(url)) return undefined;
      busy.add(url);
      try {
        return await task();
      } finally {
        busy.delete(url);
      }
    },
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await renewing;
      const mine = [...held.keys()];
      held.clear();
      await Promise.all([...mine.map((url) => store.releaseLease(leaseName(url), holder)), store.withdrawPresence(PRESENCE_GROUP, holder)]).catch(
        (error: unknown) => options.onError?.(error),
      );
    },
  };
}

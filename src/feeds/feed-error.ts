// One error type for everything that can go wrong between a feed URL and its
// items, so the poller can log and back off without knowing the layers.

export type FeedErrorKind =
  | 'invalid-url'
  /** A redirect or a DNS answer led to a loopback, private or link-local address the operator did not name (feed-target.ts). */
  | 'private-address'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'network'
  | 'not-a-feed'
  | 'parse';

export class FeedError extends Error {
  override readonly name = 'FeedError';
  /** The HTTP status for kind 'http-status'. */
  readonly status: number | undefined;

  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
}

/** 5 MiB: far above any real news feed, small enough to hold in memory safely. */
export const MAX_FEED_BYTES = 5 * 1024 * 1024;

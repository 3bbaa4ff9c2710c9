// Where a feed fetch may connect. The operator's configured URL may name any
// address: an IP literal or `localhost` there is the operator's own choice (an
// RSS bridge on 127.0.0.1 is fine). What the operator did not name is checked:
// a redirect to another server, and a DNS answer for a name, must not lead to a
// loopback, private, link-local or otherwise internal address — unless
// LAGEBILD_FEEDS_ALLOW_PRIVATE=true. Names are checked in the socket's own
// `lookup`, so the check applies to the address actually connected to (no
// second resolution between check and connect). URLs with credentials are
// refused everywhere, and messages name a feed without them.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

import { FeedError } from './feed-error.js';

/** net.connect's `lookup` option. */
export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/** Everything a feed fetch must not reach unless the operator named it or allowed it. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata services live here)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/** IPv6 forms that carry an IPv4 address (mapped, NAT64, compatible): the IPv4 address inside, else undefined. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::|::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  if (dotted !== undefined) return dotted;
  const [, highHex, lowHex] = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower) ?? [];
  if (highHex === undefined || lowHex === undefined) return undefined;
  const high = parseInt(highHex, 16);
  const low = parseInt(lowHex, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Loopback, private, link-local and the other internal or special-purpose ranges, for IPv4 and IPv6. */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return INTERNAL.check(bare, 'ipv4');
  if (family !== 6) return false;
  const inner = embeddedIpv4(bare);
  return inner !== undefined ? INTERNAL.check(inner, 'ipv4') : INTERNAL.check(bare, 'ipv6');
}

/** `localhost` and its subdomains (RFC 6761): loopback by name, whatever DNS says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** The URL with any user name and password taken out, to name a feed in messages and logs. */
export function withoutCredentials(url: URL): string {
  if (url.username === '' && url.password === '') return url.href;
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return shown.href;
}

/** Why a feed URL with a user name or password cannot be used, naming the feed without them; undefined when it has none. */
export function credentialsProblem(url: URL): string | undefined {
  if (url.username === '' && url.password === '') return undefined;
  return `${withoutCredentials(url)} has a user name or password in it: feed URLs are written to logs and must not carry secrets; use a feed URL that needs none`;
}

const ALLOW_HINT = 'set LAGEBILD_FEEDS_ALLOW_PRIVATE=true if that is intended';

/**
 * The checks for one fetch of the feed at `configured`: `beforeRequest` for each
 * URL of the redirect chain, and `lookup` for the sockets' name resolution.
 */
export interface FeedTargetPolicy {
  /** Throws a FeedError('private-address') for a URL the fetch must not request. */
  beforeRequest(url: URL): void;
  lookup: LookupFunction;
}

export function feedTargetPolicy(configured: URL, options: { allowPrivate: boolean; lookup?: LookupFunction | undefined }): FeedTargetPolicy {
  const baseLookup: LookupFunction = options.lookup ?? dnsLookup;
  // The operator named this host as an address (IP literal) or as localhost: that server may be internal.
  const namedHost = isIP(configured.hostname.replace(/^\[|\]$/g, '')) !== 0 || isLocalhostName(configured.hostname) ? configured.host : undefined;
  const trustedOrigin = namedHost === undefined ? undefined : configured.origin;

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    baseLookup(hostname, lookupOptions, (error, address, family) => {
      if (error !== null || options.allowPrivate || (namedHost !== undefined && isLocalhostName(hostname))) {
        callback(error, address, family);
        return;
      }
      const addresses = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const internal = addresses.find(isInternalAddress);
      if (internal !== undefined) {
        callback(
          Object.assign(new FeedError('private-address', `${hostname} resolves to the internal address ${internal}; refused (${ALLOW_HINT})`), {
            code: 'EFEEDPRIVATE',
          }),
          address,
          family,
        );
        return;
      }
      callback(null, address, family);
    });
  };

  return {
    lookup,
    beforeRequest(url) {
      const credentials = credentialsProblem(url);
      if (credentials !== undefined) throw new FeedError('invalid-url', credentials);
      if (options.allowPrivate || url.origin === trustedOrigin) return;
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) !== 0 ? isInternalAddress(host) : isLocalhostName(host)) {
        throw new FeedError(
          'private-address',
          `${withoutCredentials(url)} is an internal address that the configured feed ${withoutCredentials(configured)} does not name; refused (${ALLOW_HINT})`,
        );
      }
    },
  };
}

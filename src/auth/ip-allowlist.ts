import { ConfigurationError } from '../errors/index.js';

/**
 * IP allowlists for providers that sign nothing. Every address lives in one 128-bit space:
 * IPv4 `a.b.c.d` is the IPv4-mapped IPv6 address `::ffff:a.b.c.d`, so `1.2.3.0/24` also matches a
 * dual-stack socket's `::ffff:1.2.3.4`, and IPv4 ranges never match other IPv6 addresses.
 */
export interface CidrRange {
  readonly network: bigint;
  readonly prefix: number;
}

/**
 * Where the client address comes from. `false`: the socket peer (`remoteAddress`); X-Forwarded-For
 * is ignored. A number N: N proxies each append to X-Forwarded-For, so the client is the Nth entry
 * from the right. Ranges: the proxies' own addresses; walking `[...X-Forwarded-For, remoteAddress]`
 * from the right, the first address outside them is the client.
 */
export type TrustProxy = false | number | readonly CidrRange[];

export interface IpAllowlist {
  readonly ranges: readonly CidrRange[];
  readonly trustProxy: TrustProxy;
}

const ALL = (1n << 128n) - 1n;
const IPV4_MAPPED = 0xffff_0000_0000n;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseIpv4(value: string): number | undefined {
  const octets = IPV4.exec(value)?.slice(1);
  // Leading zeros are rejected: some parsers read `010` as octal.
  if (octets === undefined || octets.some((octet) => Number(octet) > 255 || /^0\d/.test(octet))) return;
  return octets.reduce((sum, octet) => sum * 256 + Number(octet), 0);
}

function parseIpv6(value: string): bigint | undefined {
  let text = value;
  if (text.includes('.')) {
    const split = text.lastIndexOf(':');
    const v4 = parseIpv4(text.slice(split + 1));
    if (split < 0 || v4 === undefined) return;
    text = `${text.slice(0, split + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (groups.flat().some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return;
  const [head = [], tail = []] = groups;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return;
  const all = [...head, ...Array<string>(missing).fill('0'), ...tail];
  return all.reduce((sum, group) => (sum << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}

/** An IPv4 or IPv6 address as a 128-bit number (IPv4 mapped into `::ffff:0:0/96`); `undefined` if invalid. */
export function parseIp(value: string): { address: bigint; v4: boolean } | undefined {
  const v4 = parseIpv4(value);
  if (v4 !== undefined) return { address: IPV4_MAPPED | BigInt(v4), v4: true };
  const v6 = parseIpv6(value);
  return v6 === undefined ? undefined : { address: v6, v4: false };
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (/32 or /128). Host bits are masked off. */
export function parseCidr(value: string): CidrRange | undefined {
  const [address, prefixText, extra] = value.trim().split('/');
  const parsed = address === undefined ? undefined : parseIp(address);
  if (parsed === undefined || extra !== undefined) return;
  const width = parsed.v4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return;
  const bits = prefixText === undefined ? width : Number(prefixText);
  if (bits > width) return;
  const prefix = bits + (parsed.v4 ? 96 : 0);
  return { network: parsed.address & maskOf(prefix), prefix };
}

function maskOf(prefix: number): bigint {
  return ALL ^ ((1n << BigInt(128 - prefix)) - 1n);
}

/** Parses configured ranges, naming the first invalid one (ranges are not secrets). */
export function parseCidrList(values: readonly string[], what: string, provider?: string): CidrRange[] {
  return values.map((value) => {
    const range = parseCidr(value);
    if (range === undefined) {
      throw new ConfigurationError(
        `${what}: "${value}" is not an IPv4/IPv6 address or CIDR range`,
        provider === undefined ? {} : { provider },
      );
    }
    return range;
  });
}

export function inRanges(address: bigint, ranges: readonly CidrRange[]): boolean {
  return ranges.some((range) => (address & maskOf(range.prefix)) === range.network);
}

/** One address as sent by a socket or proxy: `[v6]:port`, `v4:port` and `%zone` suffixes are removed. */
export function parseAddress(value: string | undefined): bigint | undefined {
  if (value === undefined) return;
  let text = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  return parseIp(text.replace(/%[\w.-]+$/, ''))?.address;
}

/** The client's address under `trustProxy`; `undefined` when it cannot be established (fail closed). */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | undefined,
  trustProxy: TrustProxy,
): bigint | undefined {
  if (trustProxy === false) return parseAddress(remoteAddress);
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (typeof trustProxy === 'number') return parseAddress(forwarded[forwarded.length - trustProxy]);
  // Without the socket peer nothing proves the header came through one of the trusted proxies.
  if (remoteAddress === undefined) return;
  const chain = [...forwarded, remoteAddress];
  for (let index = chain.length - 1; index >= 0; index--) {
    const address = parseAddress(chain[index]);
    if (address === undefined || !inRanges(address, trustProxy)) return address;
  }
  return parseAddress(chain[0]);
}

/** `unknown`: no usable client address; `denied`: an address outside every range. */
export function checkIpAllowlist(
  allowlist: IpAllowlist,
  remoteAddress: string | undefined,
  forwardedFor: string | undefined,
): 'ok' | 'unknown' | 'denied' {
  const address = clientAddress(remoteAddress, forwardedFor, allowlist.trustProxy);
  if (address === undefined) return 'unknown';
  return inRanges(address, allowlist.ranges) ? 'ok' : 'denied';
}

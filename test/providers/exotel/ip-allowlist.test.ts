import { describe, expect, it } from 'vitest';
import {
  checkIpAllowlist,
  clientAddress,
  parseAddress,
  parseCidr,
  parseCidrList,
  parseIp,
} from '../../../src/auth/ip-allowlist.js';
import { ConfigurationError } from '../../../src/errors/index.js';

const ip = (value: string) => parseIp(value)?.address;

describe('parseIp', () => {
  it('parses IPv4 into the IPv4-mapped IPv6 space', () => {
    expect(ip('1.2.3.4')).toBe(0xffff_0102_0304n);
    expect(ip('::ffff:1.2.3.4')).toBe(ip('1.2.3.4'));
    expect(ip('::FFFF:0102:0304')).toBe(ip('1.2.3.4'));
    expect(parseIp('1.2.3.4')?.v4).toBe(true);
    expect(parseIp('::ffff:1.2.3.4')?.v4).toBe(false);
  });

  it('parses IPv6 with and without compression', () => {
    expect(ip('::')).toBe(0n);
    expect(ip('::1')).toBe(1n);
    expect(ip('1::')).toBe(1n << 112n);
    expect(ip('2001:db8:0:0:0:0:0:1')).toBe(ip('2001:db8::1'));
    expect(ip('64:ff9b::192.0.2.33')).toBe(ip('64:ff9b::c000:221'));
  });

  it('rejects malformed addresses', () => {
    for (const value of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.-4',
      ' 1.2.3.4',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1::2::3',
      ':::',
      ':1::',
      '1:2:3:4:5:6:7::8',
      '12345::',
      'g::1',
      '::1.2.3',
      '::ffff:256.1.1.1',
    ]) {
      expect(parseIp(value), value).toBeUndefined();
    }
  });
});

describe('parseCidr', () => {
  it('parses ranges and single addresses, masking host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ network: ip('10.0.0.0'), prefix: 104 });
    expect(parseCidr('10.1.2.3/8')).toEqual(parseCidr('10.0.0.0/8'));
    expect(parseCidr('203.0.113.5')).toEqual({ network: ip('203.0.113.5'), prefix: 128 });
    expect(parseCidr('2001:db8::/32')).toEqual({ network: ip('2001:db8::'), prefix: 32 });
    expect(parseCidr('0.0.0.0/0')).toEqual({ network: ip('::ffff:0.0.0.0'), prefix: 96 });
  });

  it('rejects malformed ranges', () => {
    for (const value of [
      '10.0.0.0/33',
      '::/129',
      '10.0.0.0/',
      '10.0.0.0/8/8',
      '10.0.0.0/-1',
      '10.0.0.0/a',
      'x/8',
    ]) {
      expect(parseCidr(value), value).toBeUndefined();
    }
    expect(() => parseCidrList(['10.0.0.0/8', 'nope'], 'test')).toThrow(ConfigurationError);
  });
});

describe('parseAddress', () => {
  it('strips ports, brackets and zone ids as sockets and proxies send them', () => {
    expect(parseAddress('1.2.3.4:8080')).toBe(ip('1.2.3.4'));
    expect(parseAddress('[2001:db8::1]:443')).toBe(ip('2001:db8::1'));
    expect(parseAddress('[2001:db8::1]')).toBe(ip('2001:db8::1'));
    expect(parseAddress('fe80::1%eth0')).toBe(ip('fe80::1'));
    expect(parseAddress(undefined)).toBeUndefined();
    expect(parseAddress('unknown')).toBeUndefined();
  });
});

describe('clientAddress and checkIpAllowlist', () => {
  const ranges = parseCidrList(['203.0.113.0/24', '::ffff:198.51.100.0/120'], 'test');

  it('uses the socket address when proxies are not trusted', () => {
    expect(clientAddress('203.0.113.1', '198.51.100.1', false)).toBe(ip('203.0.113.1'));
    expect(checkIpAllowlist({ ranges, trustProxy: false }, '198.51.100.7', undefined)).toBe('ok');
    expect(checkIpAllowlist({ ranges, trustProxy: false }, '192.0.2.1', undefined)).toBe('denied');
    expect(checkIpAllowlist({ ranges, trustProxy: false }, undefined, '203.0.113.1')).toBe('unknown');
  });

  it('counts hops from the right of X-Forwarded-For', () => {
    expect(clientAddress(undefined, 'a, 1.1.1.1, 2.2.2.2', 1)).toBe(ip('2.2.2.2'));
    expect(clientAddress(undefined, 'a, 1.1.1.1, 2.2.2.2', 2)).toBe(ip('1.1.1.1'));
    expect(clientAddress(undefined, 'a, 1.1.1.1, 2.2.2.2', 3)).toBeUndefined();
    expect(clientAddress(undefined, '1.1.1.1', 2)).toBeUndefined();
    expect(clientAddress('9.9.9.9', undefined, 1)).toBeUndefined();
  });

  it('walks trusted proxy ranges from the right', () => {
    const proxies = parseCidrList(['10.0.0.0/8'], 'test');
    expect(clientAddress('10.0.0.1', '1.1.1.1, 2.2.2.2, 10.9.9.9', proxies)).toBe(ip('2.2.2.2'));
    expect(clientAddress('3.3.3.3', '2.2.2.2', proxies)).toBe(ip('3.3.3.3'));
    expect(clientAddress('10.0.0.1', '10.0.0.2', proxies)).toBe(ip('10.0.0.2'));
    expect(clientAddress('10.0.0.1', undefined, proxies)).toBe(ip('10.0.0.1'));
    expect(clientAddress(undefined, '2.2.2.2', proxies)).toBeUndefined();
    expect(clientAddress('10.0.0.1', '2.2.2.2, junk', proxies)).toBeUndefined();
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIpHost } from './ip-address.js';

describe('parseIpHost', () => {
  const cases: ReadonlyArray<readonly [string, string | undefined, string]> = [
    ['127.0.0.1', '127.0.0.1', 'dotted quad'],
    ['2130706433', '127.0.0.1', 'one decimal number'],
    ['0x7f.1', '127.0.0.1', 'hex first part, short form'],
    ['0x7f000001', '127.0.0.1', 'one hex number'],
    ['017700000001', '127.0.0.1', 'one octal number'],
    ['0177.0.0.1', '127.0.0.1', 'octal first part'],
    ['127.1', '127.0.0.1', 'two-part short form'],
    ['0', '0.0.0.0', 'zero'],
    ['::1', '::1', 'bare IPv6'],
    ['[::1]', '::1', 'bracketed IPv6'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1', 'IPv4-mapped with a dotted tail'],
    ['0:0:0:0:0:ffff:7f00:1', '::ffff:7f00:1', 'IPv4-mapped, long form'],
    ['64:ff9b::a9fe:a9fe', '64:ff9b::a9fe:a9fe', 'NAT64'],
    ['FD00:EC2::254', 'fd00:ec2::254', 'upper-case hex'],
    ['example.com', undefined, 'a name'],
    ['1.2.3.4.5', undefined, 'five parts is not an address (and not a valid name either)'],
    ['fe80::1%eth0', undefined, 'zone ids are refused'],
    ['user@127.0.0.1', undefined, 'userinfo smuggled into a host'],
    ['127.0.0.1/x', undefined, 'path smuggled into a host'],
    ['', undefined, 'empty'],
  ];
  for (const [input, expected, why] of cases) {
    it(`${JSON.stringify(input)} → ${expected ?? 'not an IP'} (${why})`, () => {
      assert.equal(parseIpHost(input)?.text, expected);
    });
  }
});

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cidrContains, formatCidr, parseCidr } from '../../src/model/cidr.js';

test('networks are parsed with host bits cleared, addresses as /32 and /128', () => {
  assert.is(formatCidr(parseCidr('10.1.2.3/8')!), '10.0.0.0/8');
  assert.is(formatCidr(parseCidr('192.168.1.7')!), '192.168.1.7/32');
  assert.is(formatCidr(parseCidr('2001:DB8:0:0:1::1/64')!), '2001:db8::/64');
  assert.is(formatCidr(parseCidr('::ffff:10.0.0.1')!), '::ffff:a00:1/128');
  assert.is(formatCidr(parseCidr('0.0.0.0/0')!), '0.0.0.0/0');
});

test('invalid networks are refused', () => {
  for (const bad of ['10.0.0.0/33', '256.0.0.1', '10.0.0', '1::2::3', '::/129', 'host.example', '10.0.0.0/08', '10.0.0.0/8 ', '']) assert.is(parseCidr(bad), undefined, bad);
});

test('membership, IPv4-mapped clients read as IPv4', () => {
  const net = parseCidr('10.0.0.0/8')!;
  assert.ok(cidrContains(net, '10.255.1.1'));
  assert.ok(cidrContains(net, '::ffff:10.0.0.9'));
  assert.not.ok(cidrContains(net, '11.0.0.1'));
  assert.not.ok(cidrContains(net, 'fd00::1'));
  assert.ok(cidrContains(parseCidr('fd00::/8')!, 'fdff::1'));
  assert.ok(cidrContains(parseCidr('127.0.0.1')!, '127.0.0.1'));
  assert.not.ok(cidrContains(parseCidr('127.0.0.1')!, '127.0.0.2'));
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashFormat, parseHtpasswd, verifyPassword } from '../../src/model/htpasswd.js';

// hashes of "secret" made by `openssl passwd` (apr1, -1, -5, -6) and by hand ({SHA}, {SSHA})
const HASHES = {
  apr1: '$apr1$abcdefgh$h9FWgUz3n9YxylKLlR5SQ/',
  'md5-crypt': '$1$abcdefgh$cHJi5PXp/ki/ktXzqlk6I1',
  'sha256-crypt': '$5$saltsalt$0IyaXrmV7.sGNS6tirgqHLqX/G.FBvgkYA.lpPdS5sA',
  'sha512-crypt': '$6$saltsalt$TVLlQcbpFVof5W3Yz4DTP6gRstiNuHwwTt6GLc1E5n0U0aDehy0S5knV8wiOQSpT0Y77vwPZN.Pq.H91p5hVO1',
  sha1: '{SHA}5en6G6MezRroT3XKqkdPOmY/BfQ=',
  plain: '{PLAIN}secret',
} as const;

test('each hash format is recognised and verified', () => {
  for (const [format, hash] of Object.entries(HASHES)) {
    assert.is(hashFormat(hash), format, hash);
    const user = { name: 'u', format: format as keyof typeof HASHES, hash };
    assert.is(verifyPassword(user, 'secret'), true, `${format} accepts the password`);
    assert.is(verifyPassword(user, 'Secret'), false, `${format} refuses another`);
  }
});

test('rounds= in SHA-crypt hashes (openssl passwd -5 -salt "rounds=1000$abc")', () => {
  const hash = '$5$rounds=1000$abc$Mz4DiYKTnNKbZLo/mIp3d8Y4aQBhv3uhSwxLDy55/Y8';
  assert.is(verifyPassword({ name: 'u', format: 'sha256-crypt', hash }, 'secret'), true);
});

test('salted SHA-1 ({SSHA}): digest then salt, base64', () => {
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const salt = Buffer.from('NaCl');
  const hash = `{SSHA}${Buffer.concat([createHash('sha1').update('secret').update(salt).digest(), salt]).toString('base64')}`;
  assert.is(hashFormat(hash), 'ssha');
  assert.is(verifyPassword({ name: 'u', format: 'ssha', hash }, 'secret'), true);
  assert.is(verifyPassword({ name: 'u', format: 'ssha', hash }, 'salt'), false);
});

test('DES crypt and bcrypt are recognised but not verified here', () => {
  assert.is(hashFormat('abJnggxhB/yWI'), 'des-crypt');
  const bcrypt = '$2y$05$abcdefghijklmnopqrstuuJ1w5ZkTA1A5k0b6X3Vx4vT8s1d0cWm.';
  assert.is(hashFormat(bcrypt), 'bcrypt');
  assert.is(verifyPassword({ name: 'u', format: 'bcrypt', hash: bcrypt }, 'secret'), undefined);
});

test('htpasswd files: comments, blanks, CRLF, duplicates and unknown hashes', () => {
  const text = `# users\r\nalice:${HASHES.apr1}\r\n\r\nbob:${HASHES.sha1}:comment\nalice:${HASHES.plain}\nmallory:not-a-hash\nnocolon\n`;
  const p = parseHtpasswd(text);
  assert.equal(p.users.map((u) => [u.name, u.format]), [['alice', 'apr1'], ['bob', 'sha1']]);
  assert.equal(p.problems.map((x) => x.line), [5, 6, 7]);
  assert.match(p.problems[0].reason, 'the first entry counts');
  assert.match(p.problems[1].reason, 'no known format');
});

test.run();

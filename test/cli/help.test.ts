// Help pages and the flag scheme: examples and a README section on every command, defaults
// shown one way, one error prefix, render's -o DIR with a long name, explain without a host.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, fixture, ROOT } from '../helpers.js';

const COMMANDS = ['routes', 'explain', 'describe', 'test', 'diff', 'serve', 'lint', 'render', 'annotations', 'graph', 'version', 'completion'];
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** GitHub's anchors of the README's headings. */
const anchors = new Set([...README.matchAll(/^#+ (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')));

test('the program lists every command', async () => {
  const r = await cli(['--help']);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'), c);
});

for (const c of COMMANDS) {
  test(`${c} --help: 2–3 examples, a README section that exists, defaults as "(default: …)"`, async () => {
    const r = await cli([c, '--help']);
    assert.is(r.code, 0);
    const examples = r.stdout.split('Examples:\n')[1]?.split('\n\n')[0].split('\n').filter(Boolean) ?? [];
    assert.ok(examples.length >= 2 && examples.length <= 3, `${examples.length} examples`);
    for (const e of examples) assert.match(e, /^  \S.*  # \S/);
    const section = /More: README\.md#([\w-]+) \((.+)\)/.exec(r.stdout);
    assert.ok(section, 'a README link');
    assert.ok(anchors.has(section![1]), `README has no section #${section![1]}`);
    assert.ok(section![2].endsWith('README.md'));
    const flat = r.stdout.replace(/\s*\n\s+/g, ' ');
    assert.not.match(flat, /\(default [^:]|default: "|\(choices:/, 'one way to show defaults and values');
  });
}

test('commander errors carry the one prefix: "ingressctl: …"', async () => {
  const r = await cli(['routes', '--bogus', fixture('cafe')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /^ingressctl: unknown option '--bogus'/);
  assert.not.match(r.stderr, /^error:/m);
  const choice = await cli(['routes', fixture('cafe'), '-o', 'xml']);
  assert.match(choice.stderr, /^ingressctl: option '-o, --output <format>' argument 'xml' is invalid/);
});

test('render: -o DIR has the long name --output-dir', async () => {
  const help = (await cli(['render', '--help'])).stdout;
  assert.match(help, /-o, --output-dir <dir>/);
});

test('explain without a host in the URL says how to set one, and shows the request without "http:///"', async () => {
  const r = await cli(['explain', '/tea', fixture('cafe')]);
  assert.match(r.stdout, /^GET http:\/\/\(no host\)\/tea$/m);
  assert.not.match(r.stdout, /http:\/\/\//);
  assert.match(r.stderr, /the URL names no host.*explain http:\/\/cafe\.example\.com\/tea.*-H 'Host: cafe\.example\.com'/);
  const withHeader = await cli(['explain', '/tea', '-H', 'Host: cafe.example.com', fixture('cafe')]);
  assert.not.match(withHeader.stderr, /names no host/);
});

test.run();

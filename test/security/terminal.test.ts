// Manifest text printed to a terminal never carries control characters (escape sequences,
// carriage returns): they are shown as \xHH. Fixture: test/security/fixtures/terminal-escapes.yaml.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cli } from '../helpers.js';

const FIXTURE = 'test/security/fixtures/terminal-escapes.yaml';
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

const COLOUR = { NO_COLOR: '', FORCE_COLOR: '1' };
for (const [argv, env] of [[['describe', FIXTURE], {}], [['routes', FIXTURE, '-o', 'wide'], {}], [['routes', FIXTURE, '-o', 'wide'], COLOUR]] as const) {
  test(`${argv.join(' ')}${env === COLOUR ? ' (colour)' : ''}: control characters from the manifest are shown, not sent`, async () => {
    const r = await cli([...argv], '', env);
    if (env === COLOUR) assert.match(r.stdout, /\x1b\[1m/, 'coloured');
    const plain = r.stdout.replace(/\x1b\[[0-9;]*m/g, ''); // ingressctl's own colours
    assert.not.match(plain, CONTROL, JSON.stringify(plain));
    assert.ok(r.stdout.includes('/a\\x1b[2Jb'), r.stdout);
  });
}

test('describe: the snippet is shown with every control character visible', async () => {
  const r = await cli(['describe', FIXTURE]);
  assert.ok(r.stdout.includes('a\\x1b[2J\\x1b]0;title\\x07X\\x0dY\\x9bZ'), r.stdout);
});

test.run();

// Start-up defines only the command it runs (src/cli/run.ts COMMANDS): the table names every
// command as it names itself, and a command's help and errors do not depend on the others.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { COMMANDS } from '../../src/cli/run.js';
import { cli } from '../helpers.js';

const io = { stdout: { write: () => true }, stderr: { write: () => true }, stdin: () => '', env: {}, cwd: process.cwd() };

test('each COMMANDS entry names the command its definition makes', () => {
  for (const [name, define] of COMMANDS) assert.is(define(io, () => {}).name(), name);
});

test('the root help lists every command', async () => {
  const r = await cli(['--help']);
  assert.is(r.code, 0);
  for (const [name] of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${name}\\b`, 'm'), name);
});

test('a mistyped command is still told the nearest one', async () => {
  const r = await cli(['rootes', 'fixtures/cafe']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /unknown command 'rootes'[\s\S]*Did you mean routes\?/);
});

test('completion still sees every command', async () => {
  const r = await cli(['completion', 'bash']);
  assert.is(r.code, 0);
  for (const [name] of COMMANDS) assert.ok(r.stdout.includes(name), name);
});

test.run();

// Formatters: a snapshot per format, SARIF validated against the SARIF 2.1.0 schema,
// the github format checked line by line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { matchGolden } from '../golden.js';
import { cli, ROOT } from '../helpers.js';
import { escapeData, escapeProperty } from '../../src/lint/formatters/github.js';
import { fileUri } from '../../src/lint/formatters/uri.js';
import { json } from '../../src/lint/formatters/json.js';
import type { Finding } from '../../src/findings/finding.js';

const INPUT = 'fixtures/lint/formats';
const snapshot = (name: string) => join(ROOT, 'test/lint/__snapshots__', name);

/** Compares with the stored snapshot (a golden file: UPDATE_GOLDEN=1 rewrites it). */
function matchSnapshot(name: string, actual: string): void {
  matchGolden(actual, snapshot(name), 'lint/formatters');
}

for (const [format, ext] of [['stylish', 'txt'], ['json', 'json'], ['sarif', 'sarif.json'], ['github', 'txt'], ['junit', 'xml']] as const) {
  test(`--format ${format}: snapshot, exit 1, nothing on stderr`, async () => {
    const r = await cli(['lint', '--format', format, INPUT]);
    assert.is(r.code, 1);
    assert.is(r.stderr, '');
    matchSnapshot(`${format}.${ext}`, r.stdout);
  });
}

test('sarif output validates against the SARIF 2.1.0 JSON schema', async () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8')));
  const log = JSON.parse((await cli(['lint', '--format', 'sarif', INPUT])).stdout);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // and the schema is not vacuous: a region with line 0 and a bad level are refused
  const bad: any = structuredClone(log);
  bad.runs[0].results[1].locations[0].physicalLocation.region.startLine = 0;
  bad.runs[0].results[0].level = 'fatal';
  assert.not.ok(validate(bad));
  assert.equal(new Set(validate.errors!.map((e) => e.keyword)), new Set(['minimum', 'enum']));
});

test('sarif results carry rule metadata and real regions', async () => {
  const log = JSON.parse((await cli(['lint', '--format', 'sarif', INPUT])).stdout);
  const run = log.runs[0];
  const path = run.results.find((r: any) => r.ruleId === 'ingress-path');
  assert.is(run.tool.driver.rules[path.ruleIndex].id, 'ingress-path');
  assert.is(run.tool.driver.rules[path.ruleIndex].defaultConfiguration.level, 'error');
  assert.equal(path.locations[0].physicalLocation.region, { startLine: 14, startColumn: 19, endLine: 14, endColumn: 26 });
  assert.is(path.locations[0].physicalLocation.artifactLocation.uri, 'fixtures/lint/formats/shop.yaml');
  assert.is(run.results.find((r: any) => r.ruleId === 'plain-http-only').level, 'note');
});

test('github: one workflow command per finding, properties and data escaped', async () => {
  const r = await cli(['lint', '--format', 'github', INPUT]);
  const json = JSON.parse((await cli(['lint', '--format', 'json', INPUT])).stdout);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.is(lines.length, json.length);
  lines.forEach((line, i) => {
    const m = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/.exec(line);
    assert.ok(m, `not a workflow command: ${line}`);
    const f = json[i];
    assert.is(m![1], { error: 'error', warning: 'warning', info: 'notice' }[f.severity as string]);
    const props = Object.fromEntries(m![2].split(',').map((p) => p.split('=')));
    assert.is(props.title, f.ruleId);
    if (f.file) assert.equal([props.file, props.line, props.col], [f.file, String(f.line), String(f.column)]);
    assert.is(decodeURIComponent(m![3].replace(/%(?![0-9A-F]{2})/g, '%25')), f.message);
  });
  assert.is(escapeData('50%\nnext'), '50%25%0Anext');
  assert.is(escapeProperty('a:b,c'), 'a%3Ab%2Cc');
});

test('json: every field of every finding, null when unknown', async () => {
  const rows = JSON.parse((await cli(['lint', '--format', 'json', INPUT])).stdout);
  for (const row of rows) assert.equal(Object.keys(row), ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'path', 'object', 'hint']);
  const path = rows.find((r: any) => r.ruleId === 'ingress-path');
  assert.is(path.object, 'Ingress default/shop');
  assert.is(path.path, 'spec.rules[0].http.paths[0].path');
  assert.is(rows.find((r: any) => r.ruleId === 'services-not-given').file, null);
});

test('junit: a testsuite per file, failures for errors and warnings only', async () => {
  const xml = (await cli(['lint', '--format', 'junit', INPUT])).stdout;
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites'));
  assert.is((xml.match(/<testsuite /g) ?? []).length, 3);
  assert.is((xml.match(/<failure /g) ?? []).length, 5);
  assert.is((xml.match(/<testcase /g) ?? []).length, (xml.match(/<\/testcase>|<testcase [^>]*\/>/g) ?? []).length);
});

test('stylish: colour only when asked, never with --no-color', async () => {
  const plain = await cli(['lint', INPUT]);
  assert.not.match(plain.stdout, /\x1b\[/);
  const forced = await cli(['lint', INPUT], '', { FORCE_COLOR: '1', NO_COLOR: '' });
  assert.match(forced.stdout, /\x1b\[31m/);
  const off = await cli(['lint', '--no-color', INPUT], '', { FORCE_COLOR: '1', NO_COLOR: '' });
  assert.not.match(off.stdout, /\x1b\[/);
});

test('stylish: each finding with a hint has it on the next line, under the message, dimmed', async () => {
  const json = JSON.parse((await cli(['lint', '--format', 'json', INPUT])).stdout) as { message: string; hint?: string }[];
  const withHint = json.filter((f) => f.hint);
  assert.ok(withHint.length >= 3, 'the input has findings with hints');
  const lines = (await cli(['lint', INPUT])).stdout.split('\n');
  for (const f of withHint) {
    const i = lines.findIndex((l) => l.includes(f.message.replace(/\s*\n\s*/g, ' ')));
    assert.ok(i >= 0, f.message);
    assert.is(lines[i + 1].trim(), f.hint!.replace(/\s*\n\s*/g, ' '));
    assert.is(lines[i + 1].indexOf(f.hint!.slice(0, 10)), lines[i].indexOf(f.message.slice(0, 10)), 'aligned under the message');
  }
  const forced = (await cli(['lint', INPUT], '', { FORCE_COLOR: '1', NO_COLOR: '' })).stdout;
  assert.ok(forced.includes(`\x1b[2m${withHint[0].hint}\x1b[22m`), 'the hint is dimmed');
});

test('file URIs: relative inside the working directory, file:// outside, encoded', () => {
  assert.is(fileUri('a b/x.yaml', '/w'), 'a%20b/x.yaml');
  assert.is(fileUri('/w/dir/x.yaml', '/w'), 'dir/x.yaml');
  assert.is(fileUri('/etc/x.yaml', '/w'), 'file:///etc/x.yaml');
});

test.run();

test('json: the text written field by field is JSON.stringify of the whole array, indent 2', () => {
  const findings = [
    { ruleId: 'a', severity: 'error', message: 'quote " backslash \\ tab \t newline \n unicode é \u2028 end', file: 'x.yaml', line: 1, column: 2, endLine: 3, endColumn: 4, path: 'spec.rules[0]', object: 'Ingress default/x', hint: 'h' },
    { ruleId: 'b', severity: 'info', message: 'no position' },
    { ruleId: 'c', severity: 'warning', message: 'lone surrogate \ud800', file: 'y.yaml', line: 0, column: 0 },
  ] as Finding[];
  const text = json({ findings, files: [], rules: new Map(), version: '0' }, { color: false, cwd: '/' });
  const expected = JSON.stringify(findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file ?? null, line: f.line ?? null, column: f.column ?? null, endLine: f.endLine ?? null, endColumn: f.endColumn ?? null, path: f.path ?? null, object: f.object ?? null, hint: f.hint ?? null })), null, 2) + '\n';
  assert.is(text, expected);
  assert.is(json({ findings: [], files: [], rules: new Map(), version: '0' }, { color: false, cwd: '/' }), '[]\n');
});

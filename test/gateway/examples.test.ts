// The Gateway API's own examples (fixtures/gateway-api/examples, its examples/standard folder
// at v1.6.1) and conformance manifests (fixtures/gateway-api/conformance), linted in-process.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyConfig } from '../../src/lint/config.js';
import { lint } from '../../src/lint/engine.js';
import { LATEST_KUBERNETES } from '../../src/lint/k8s/api-versions.js';
import { isGatewayApi, isSupportedGatewayObject } from '../../src/gateway/kinds.js';
import { loadInputs } from '../../src/load/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { ROOT } from '../helpers.js';
import { NOW } from '../lint/helpers.js';

const EXAMPLES = join(ROOT, 'fixtures/gateway-api/examples');
const CONFORMANCE = join(ROOT, 'fixtures/gateway-api/conformance');

function lintPaths(paths: string[]) {
  const load = loadInputs(paths);
  const report = lint(load, { now: NOW, kubernetesVersion: LATEST_KUBERNETES, allowSnippets: false }, emptyConfig(ROOT));
  return { load, report };
}
const show = (fs: Finding[]) => fs.map((f) => `${relative(ROOT, f.file ?? '')}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`).join('\n');

/** Warnings the examples may carry: what ingressctl does not support, and folders of successive versions of one object. */
const UNSUPPORTED = new Set(['gateway-unsupported']);
// TLS Secrets are created apart from the examples: a missing one is a warning (tls-secret-not-found)
const EXPECTED_WARNINGS = new Set([...UNSUPPORTED, 'object-defined-twice', 'tls-secret-not-found']);

// Each top-level file and each folder of the examples is one example: they reuse names
// (several define a Gateway "example-gateway"), so they are linted one at a time.
const units = readdirSync(EXAMPLES)
  .filter((f) => f !== 'SOURCE.md')
  .sort()
  .map((f) => join(EXAMPLES, f))
  .filter((p) => statSync(p).isDirectory() || /\.ya?ml$/.test(p));

test('every Gateway API example lints without errors, and warns only of what is not supported; each object of an unsupported kind is reported at its kind or apiVersion', () => {
  assert.ok(units.length >= 30, `only ${units.length} examples found`);
  let supported = 0;
  const unsupportedKinds = new Set<string>();
  const unsupportedFields = new Set<string>();
  const problems: string[] = [];
  for (const unit of units) {
    const { load, report } = lintPaths([unit]);
    // some example folders hold successive versions of one object (traffic-split-1, -2, -3):
    // that they redefine it is expected, and said (object-defined-twice); what ingressctl does
    // not support is said too, as a warning (gateway-unsupported)
    const bad = report.findings.filter((f) => f.severity === 'error' || (f.severity === 'warning' && !EXPECTED_WARNINGS.has(f.ruleId)));
    for (const f of report.findings) if (UNSUPPORTED.has(f.ruleId)) unsupportedFields.add(`${f.ruleId}: ${f.message.replace(/ is not supported.*$/, '')}`);
    if (bad.length) problems.push(show(bad));
    for (const doc of load.documents.filter(isGatewayApi)) {
      if (isSupportedGatewayObject(doc)) {
        supported++;
        continue;
      }
      unsupportedKinds.add(doc.kind);
      const places = [doc.locate(['kind']), doc.locate(['apiVersion'])];
      const f = report.findings.find((x) => UNSUPPORTED.has(x.ruleId) && x.file === doc.file && places.some((at) => x.line === at.line && x.column === at.column));
      if (!f) problems.push(`${relative(ROOT, doc.file)}:${places[0].line}: ${doc.kind} not reported as unsupported`);
      else if (f.severity === 'error') problems.push(`${relative(ROOT, doc.file)}:${places[0].line}: reported as an error`);
    }
  }
  console.log(`examples: ${units.length} units, ${supported} supported Gateway API objects checked, unsupported kinds reported: ${[...unsupportedKinds].sort().join(', ')}; not supported: ${[...unsupportedFields].sort().join('; ')}`);
  assert.equal(problems, []);
  // (an object redefined in its folder counts once here: the loader keeps the last definition,
  // also of an object defined three times)
  assert.ok(supported >= 70, `only ${supported} supported objects`);
  for (const k of ['TCPRoute', 'UDPRoute', 'TLSRoute', 'ListenerSet', 'BackendTLSPolicy']) assert.ok(unsupportedKinds.has(k), `no ${k} among the examples`);
});

test('every example file on its own passes the CRD schema and CEL rules (versions of one object included)', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f)) files.push(p);
    }
  };
  walk(EXAMPLES);
  const problems: string[] = [];
  let objects = 0;
  for (const f of files) {
    const { load, report } = lintPaths([f]);
    objects += load.documents.filter(isSupportedGatewayObject).length;
    const bad = report.findings.filter((x) => x.ruleId === 'schema' || x.ruleId === 'crd-validation');
    if (bad.length) problems.push(show(bad));
  }
  console.log(`examples: ${files.length} files, ${objects} supported objects checked one file at a time`);
  assert.equal(problems, []);
  assert.ok(objects >= 80, `only ${objects} objects`);
});

test('the examples folder as one input (names collide across examples) never crashes', () => {
  const { report } = lintPaths([EXAMPLES]);
  assert.ok(report.findings.length > 0);
});

/**
 * What lint says about each conformance manifest (with the base manifests): the manifests of
 * the "invalid" conformance tests are flagged by the rule that checks what the test is about;
 * features ingressctl does not implement (mirroring, timeouts, a TLS listener) are named as
 * not supported; `retry` is an experimental-channel field, unknown to the standard CRD; every
 * other manifest lints without errors or warnings.
 */
const EXPECTED: Record<string, string[]> = {
  'httproute-disallowed-kind.yaml': ['gateway-route-not-allowed', 'gateway-unsupported'],
  'httproute-hostname-intersection.yaml': Array(7).fill('gateway-route-hostname'),
  'httproute-invalid-backendref-unknown-kind.yaml': ['gateway-unsupported'],
  'httproute-invalid-cross-namespace-backend-ref.yaml': ['gateway-ref-not-permitted'],
  'httproute-invalid-cross-namespace-parent-ref.yaml': ['gateway-route-not-allowed'],
  'httproute-invalid-nonexistent-backendref.yaml': ['gateway-backend-ref'],
  'httproute-invalid-parentref-not-matching-listener-port.yaml': ['gateway-parent-ref'],
  'httproute-invalid-parentref-not-matching-section-name.yaml': ['gateway-parent-ref'],
  'httproute-invalid-parentref-section-name-not-matching-port.yaml': ['gateway-parent-ref'],
  'httproute-invalid-reference-grant.yaml': ['gateway-ref-not-permitted'],
  'httproute-partially-invalid-via-invalid-reference-grant.yaml': ['gateway-ref-not-permitted'],
  'httproute-request-mirror.yaml': Array(2).fill('gateway-unsupported'),
  'httproute-request-multiple-mirrors.yaml': Array(4).fill('gateway-unsupported'),
  'httproute-request-percentage-mirror.yaml': Array(3).fill('gateway-unsupported'),
  'httproute-retry.yaml': ['gateway-unsupported', 'gateway-unsupported', 'schema', 'schema'],
  'httproute-timeout-backend-request.yaml': Array(2).fill('gateway-unsupported'),
  'httproute-timeout-request.yaml': Array(2).fill('gateway-unsupported'),
};

test('every HTTPRoute conformance manifest loads and lints; the invalid ones are flagged by the rule their test is about', () => {
  const base = join(CONFORMANCE, 'base/manifests.yaml');
  const files = readdirSync(join(CONFORMANCE, 'tests')).filter((f) => /^httproute-.*\.yaml$/.test(f)).sort();
  assert.ok(files.length >= 50, `only ${files.length} manifests`);
  const baseReport = lintPaths([base]).report;
  const problems: string[] = [];
  for (const f of files) {
    const { report } = lintPaths([base, join(CONFORMANCE, 'tests', f)]);
    // the base manifests' own EndpointSlices lack `endpoints`, which the EndpointSlice schema requires
    const own = report.findings.filter((x) => x.severity !== 'info' && x.file?.endsWith(f));
    const ids = own.map((x) => x.ruleId).sort();
    const want = [...(EXPECTED[f] ?? [])].sort();
    if (JSON.stringify(ids) !== JSON.stringify(want)) problems.push(`${f}: expected [${want.join(', ')}], got:\n${show(own)}`);
  }
  console.log(`conformance: ${files.length} HTTPRoute manifests + base linted; ${baseReport.findings.filter((x) => x.severity === 'error').length} errors in the base manifests`);
  assert.equal(problems, []);
});

test.run();

// The transcribed conformance cases (test/cases/gateway-conformance.ts) refer to what their
// manifests hold: the Gateway each request goes to, the Services that answer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInputs } from '../../src/load/index.js';
import { CONFORMANCE_CASES } from '../cases/gateway-conformance.js';
import { ROOT } from '../helpers.js';

const DIR = join(ROOT, 'fixtures/gateway-api/conformance');

test('every conformance case names manifests that exist, a Gateway they define with a listener on its port, and Services they define', () => {
  assert.ok(CONFORMANCE_CASES.length >= 200, `only ${CONFORMANCE_CASES.length} cases`);
  const problems: string[] = [];
  const files = new Set<string>();
  for (const c of CONFORMANCE_CASES) {
    const paths = [join(DIR, 'base/manifests.yaml'), ...c.manifests.map((m) => join(DIR, m))];
    const missing = paths.filter((p) => !existsSync(p));
    if (missing.length) {
      problems.push(`${c.source}: missing ${missing.join(', ')}`);
      continue;
    }
    c.manifests.forEach((m) => files.add(m));
    const docs = loadInputs(paths).documents;
    const has = (kind: string, ns: string, name: string) => docs.some((d) => d.kind === kind && d.namespace === ns && d.name === name);
    const [gwNs, gwName] = c.gateway.split('/');
    const gw = docs.find((d) => d.kind === 'Gateway' && d.namespace === gwNs && d.name === gwName);
    if (!gw) problems.push(`${c.source}: no Gateway ${c.gateway}`);
    else if (!((gw.obj as any).spec?.listeners ?? []).some((l: any) => l.port === c.port)) problems.push(`${c.source}: Gateway ${c.gateway} has no listener on port ${c.port}`);
    const services = [c.expect.backend, c.expect.routedTo, ...(c.expect.mirroredTo ?? [])].filter((b): b is { service: string; namespace: string } => !!b);
    for (const s of services) if (!has('Service', s.namespace, s.service)) problems.push(`${c.source}: no Service ${s.namespace}/${s.service}`);
    if (!c.request.path.startsWith('/')) problems.push(`${c.source}: path ${c.request.path}`);
    // a Go expression left untranscribed ("/" + path) would read as a literal "$path"
    if (JSON.stringify(c).includes('$')) problems.push(`${c.source}: a placeholder is left in ${JSON.stringify(c.request)}`);
    for (const w of c.without ?? []) {
      const [kind, id] = w.split(' ');
      const [ns, name] = id.split('/');
      if (!has(kind, ns, name)) problems.push(`${c.source}: without ${w}, which the manifests do not hold`);
    }
    if (!c.expect.statuses.length) problems.push(`${c.source}: no status`);
  }
  console.log(`conformance data: ${CONFORMANCE_CASES.length} cases from ${files.size} manifests`);
  assert.equal(problems, []);
});

test.run();

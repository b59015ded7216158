// Outputs written in pieces (routes -o json|yaml, render's main file) are the same text as
// the output serialised whole, on every fixture.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeModelJson, writeModelYaml } from '../../src/cli/model-output.js';
import { writeFileBatched } from '../../src/emit/chunks.js';
import { emitters } from '../../src/emit/index.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { modelJson } from '../../src/model/serialize.js';
import { writeBatched } from '../../src/util/batched.js';
import { ROOT, ingress, modelOf } from '../helpers.js';

const folders = readdirSync(join(ROOT, 'fixtures'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const canary = modelOf(
  ingress('main', 'c.example.com', [['/', 'Prefix', 'main-svc']]) +
    ingress('canary', 'c.example.com', [['/', 'Prefix', 'canary-svc']], { annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '20' } }) +
    // a host whose only path is refused: the host keeps its Ingress's default backend and no route
    `---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n  defaultBackend: {service: {name: d-svc, port: {number: 80}}}\n  rules:\n    - host: d.example.com\n      http: {paths: [{path: "/a b", pathType: Exact, backend: {service: {name: x, port: {number: 80}}}}]}\n`,
);
const models = [...folders.map((f) => ({ name: f, model: resolve(loadInputs([join(ROOT, 'fixtures', f)]).documents) })), { name: 'canary', model: canary }];

const pieces = (produce: (write: (t: string) => void) => void) => {
  const out: string[] = [];
  produce((t) => out.push(t));
  return out;
};

test(`routes -o json and -o yaml written host by host equal the whole serialisation (${folders.length} fixture folders and a canary)`, () => {
  // the cases the writer treats apart are all among the fixtures
  const hosts = models.flatMap((m) => m.model.hosts);
  assert.ok(models.some((m) => m.model.defaultBackend), 'a catch-all');
  assert.ok(hosts.some((h) => h.routes.some((r) => r.canary)), 'a canary');
  assert.ok(hosts.some((h) => !h.routes.length), 'a host with a default backend only');
  for (const { name, model } of models) {
    assert.is(pieces((w) => writeModelJson(model, w)).join(''), JSON.stringify(modelJson(model), null, 2) + '\n', name);
    assert.is(pieces((w) => writeModelYaml(model, w)).join(''), dump(modelJson(model), { noRefs: true }), name);
  }
  const empty = resolve([]);
  assert.is(pieces((w) => writeModelJson(empty, w)).join(''), JSON.stringify(modelJson(empty), null, 2) + '\n');
});

test('batches: the pieces join to the text; each but the last is at least 64 KB', () => {
  const parts = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}\n`);
  const batches = pieces((w) => writeBatched((write) => parts.forEach(write), w));
  assert.is(batches.join(''), parts.join(''));
  assert.ok(batches.length > 1);
  for (const b of batches.slice(0, -1)) assert.ok(b.length >= 65536);
});

test('every target: the main file written in pieces equals its content', () => {
  for (const [target, emit] of Object.entries(emitters)) {
    for (const { name, model } of models) {
      const r = emit!(model, { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' });
      const main = r.files.find((f) => f.path === r.mainFile)!;
      assert.is(pieces((w) => writeFileBatched(main, w)).join(''), main.content, `${target} ${name}`);
    }
  }
});

test.run();

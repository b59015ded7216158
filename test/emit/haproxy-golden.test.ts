// Every fixture folder: the render matches its golden files, is byte-identical whatever
// the input order or file split, and `haproxy -c` accepts it.
// UPDATE_GOLDEN=1 rewrites test/golden/haproxy/ from the current output.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { renderHaproxy } from '../../src/emit/haproxy/render.js';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { matchGoldenDir, reorderedFixture } from '../golden.js';
import { checkRendered, haproxyTest } from '../e2e/haproxy-engine.js';
import { ingress, manifestFixtureFolders, modelOf, ROOT } from '../helpers.js';
import { line, serialize, when } from '../../src/emit/haproxy/config.js';

const OPTIONS: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const GOLDEN = join(ROOT, 'test/golden/haproxy');
const FIXTURES = manifestFixtureFolders();

const renderFolder = (folder: string) => renderHaproxy(resolve(loadInputs([`fixtures/${folder}`]).documents), OPTIONS);

/** What a golden holds: the config files verbatim, and the other files by path and mode (keys are not copied). */
function goldenFiles(r: EmitResult): Map<string, string> {
  const out = new Map<string, string>();
  const listing = r.files.map((f) => `${f.path} ${(f.mode ?? 0o644).toString(8)}`).join('\n') + '\n';
  out.set('files.txt', listing);
  for (const f of r.files) if (!f.path.endsWith('.pem')) out.set(f.path, f.content);
  return out;
}

const textOf = (r: EmitResult) => [...goldenFiles(r)].map(([p, c]) => `== ${p}\n${c}`).join('');

for (const folder of FIXTURES) {
  test(`${folder}: the render matches test/golden/haproxy/${folder}/`, () => {
    const files = goldenFiles(renderFolder(folder));
    const dir = join(GOLDEN, folder);
    matchGoldenDir(files, dir, 'emit/haproxy-golden');
  });

  test(`${folder}: byte-identical output whatever the input order or file split`, () => {
    const once = textOf(renderFolder(folder));
    assert.is(textOf(renderFolder(folder)), once);
    assert.is(textOf(renderHaproxy(resolve(reorderedFixture(folder)), OPTIONS)), once);
  });
}

const withHaproxy = haproxyTest(); // skipped without HAProxy, failed under INGRESSCTL_REQUIRE_ENGINES=1
for (const folder of FIXTURES) {
  withHaproxy(`${folder}: haproxy -c accepts the bundle`, () => {
    const r = checkRendered(renderFolder(folder));
    assert.is(r.code, 0, r.output);
    assert.match(r.output, 'Configuration file is valid');
  });
}

withHaproxy('many routes: id lists are split so no line passes 64 words, and haproxy -c raises no alert', () => {
  const paths = Array.from({ length: 150 }, (_, i) => [`/p${i}`, 'Prefix', 'shared'] as [string, string, string]);
  const upstreams = new Map([['default/shared:80', { host: '127.0.0.1', port: 9 }]]);
  const r = renderHaproxy(modelOf(ingress('many', 'many.example.com', paths), { upstreams }), OPTIONS);
  const useBackend = r.files[0].content.split('\n').filter((l) => l.includes('use_backend default_shared_80'));
  assert.ok(useBackend.length >= 4, `${useBackend.length} use_backend lines`);
  const c = checkRendered(r);
  assert.is(c.code, 0, c.output);
  assert.not.match(c.output, 'ALERT');
});

withHaproxy('an empty model renders a config haproxy -c accepts (every request: 404)', () => {
  const r = renderHaproxy({ hosts: [], findings: [] }, OPTIONS);
  assert.match(r.files[0].content, 'http-request return status 404 unless routed');
  assert.is(checkRendered(r).code, 0);
});

test('the serializer refuses a line HAProxy would cut short', () => {
  const ids = Array.from({ length: 70 }, (_, i) => `r${i}`);
  assert.throws(() => serialize([{ head: ['frontend', 'f'], lines: [line(['use_backend', 'b'], when({ fetch: 'var(txn.route)', flags: ['-m', 'str'], patterns: ids }))] }]), /at most 64/);
});

test.run();

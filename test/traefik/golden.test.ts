// Every fixture folder: the Traefik render matches its golden files and is byte-identical
// whatever the input order or file split. UPDATE_GOLDEN=1 node test/run.mjs traefik/golden
// rewrites test/golden/traefik/ (test/golden.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTraefik } from '../../src/emit/traefik/index.js';
import type { EmitOptions, EmitResult } from '../../src/emit/types.js';
import { loadInputs } from '../../src/load/index.js';
import { parseText } from '../../src/load/parse.js';
import { resolve } from '../../src/model/resolve.js';
import { matchGolden } from '../golden.js';
import { manifestFixtureFolders, ROOT } from '../helpers.js';

const OPTIONS: EmitOptions = { httpPort: 80, httpsPort: 443, resolver: '10.96.0.10' };
const GOLDEN = join(ROOT, 'test/golden/traefik');
const renderFolder = (folder: string) => renderTraefik(resolve(loadInputs([`fixtures/${folder}`]).documents), OPTIONS);

/** The configuration files verbatim (flattened names), and every file by path and mode (certificates and keys are not copied). */
function goldenFiles(r: EmitResult): Map<string, string> {
  const out = new Map<string, string>();
  out.set('files.txt', r.files.map((f) => `${f.path} ${(f.mode ?? 0o644).toString(8)}`).join('\n') + '\n');
  for (const f of r.files) if (f.path.endsWith('.yml')) out.set(f.path.replace(/\//g, '_'), f.content);
  return out;
}
const textOf = (r: EmitResult) => [...goldenFiles(r)].map(([p, c]) => `== ${p}\n${c}`).join('');

for (const folder of manifestFixtureFolders()) {
  test(`${folder}: the render matches test/golden/traefik/${folder}/`, () => {
    const files = goldenFiles(renderFolder(folder));
    const dir = join(GOLDEN, folder);
    for (const [name, content] of files) matchGolden(content, join(dir, name), 'traefik/golden');
    // no stale golden beside them
    if (existsSync(dir)) assert.equal(readdirSync(dir).sort(), [...files.keys()].sort());
  });

  test(`${folder}: byte-identical output whatever the input order or file split`, () => {
    const once = textOf(renderFolder(folder));
    assert.is(textOf(renderFolder(folder)), once);
    const { files } = loadInputs([`fixtures/${folder}`]);
    const joined = files.reverse().map((f) => readFileSync(join(ROOT, f), 'utf8')).join('\n---\n');
    const docs = parseText('all-in-one.yaml', joined).documents.reverse();
    for (const d of docs) d.namespace = typeof d.obj.metadata?.namespace === 'string' ? d.obj.metadata.namespace : 'default';
    assert.is(textOf(renderTraefik(resolve(docs), OPTIONS)), once);
  });
}

test.run();

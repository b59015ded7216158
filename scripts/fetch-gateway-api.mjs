// Copies Gateway API reference data from a local git clone of kubernetes-sigs/gateway-api
// at one release tag into the repository (run by hand when the pinned version changes):
//   node scripts/fetch-gateway-api.mjs /path/to/gateway-api.git v1.6.1
// - schemas/gateway-api/<group>_<version>_<Kind>.json: each served version's openAPIV3Schema
//   from config/crd/standard, descriptions removed (everything else as published)
// - fixtures/gateway-api/examples/: examples/standard
// - fixtures/gateway-api/conformance/: conformance/base/manifests.yaml and conformance/tests/httproute-*.yaml
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [gitDir, tag] = process.argv.slice(2);
if (!gitDir || !tag) {
  console.error('usage: node scripts/fetch-gateway-api.mjs GIT_DIR TAG');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', `${tag}^{commit}`).trim();
const REPO = 'https://github.com/kubernetes-sigs/gateway-api';
const KINDS = ['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants'];

function stripDescriptions(node) {
  if (Array.isArray(node)) return node.map(stripDescriptions);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    // "description" is documentation, except where it is a property name
    if (k === 'description' && typeof v === 'string') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, stripDescriptions(s)])) : stripDescriptions(v);
  }
  return out;
}

const schemaDir = join(root, 'schemas', 'gateway-api');
rmSync(schemaDir, { recursive: true, force: true });
mkdirSync(schemaDir, { recursive: true });
const written = [];
for (const plural of KINDS) {
  const path = `config/crd/standard/gateway.networking.k8s.io_${plural}.yaml`;
  const crd = yaml.load(git('show', `${commit}:${path}`));
  for (const v of crd.spec.versions) {
    if (!v.served) continue;
    const key = `${crd.spec.group}_${v.name}_${crd.spec.names.kind}`;
    const schema = {
      $comment: `${REPO} ${tag} (${commit}) ${path}: versions[name=${v.name}].schema.openAPIV3Schema, descriptions removed; scope ${crd.spec.scope}`,
      ...stripDescriptions(v.schema.openAPIV3Schema),
    };
    writeFileSync(join(schemaDir, `${key}.json`), JSON.stringify(schema, null, 1) + '\n');
    written.push(`| \`${key}.json\` | \`${path}\` | ${v.name}${v.storage ? ' (storage)' : ''} | ${crd.spec.scope} |`);
  }
}
writeFileSync(
  join(schemaDir, 'README.md'),
  `# Gateway API CRD schemas (standard channel)

Source: ${REPO}, tag \`${tag}\`, commit \`${commit}\`, files \`config/crd/standard/\`.
Each file is one served version's \`schema.openAPIV3Schema\` from the CustomResourceDefinition,
as published, with the \`description\` texts removed (they are documentation, not rules).
\`scripts/build.mjs\` turns them into ajv validators (structure, \`default\`s) and a table of their
\`x-kubernetes-validations\` CEL rules (src/gateway/cel.ts evaluates them). Regenerate with
\`node scripts/fetch-gateway-api.mjs GIT_DIR TAG\`.

| file | CRD file | version | scope |
|---|---|---|---|
${written.join('\n')}
`,
);

// fixtures: copied byte for byte
function copyTree(from, to, filter = () => true) {
  rmSync(to, { recursive: true, force: true });
  const files = git('ls-tree', '-r', '--name-only', commit, from).split('\n').filter(Boolean).filter(filter);
  for (const f of files) {
    const dest = join(to, f.slice(from.length + 1));
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${f}`], { maxBuffer: 1 << 28 }));
  }
  return files;
}
const source = (what) => `# Source\n\n${what}\n\nRepository: ${REPO}\nTag: \`${tag}\`\nCommit: \`${commit}\`\n\nCopied unchanged by \`node scripts/fetch-gateway-api.mjs GIT_DIR ${tag}\`. Licensed Apache-2.0 by The Kubernetes Authors.\n`;
const examples = copyTree('examples/standard', join(root, 'fixtures', 'gateway-api', 'examples'));
writeFileSync(join(root, 'fixtures', 'gateway-api', 'examples', 'SOURCE.md'), source(`The Gateway API's \`examples/standard\` folder (${examples.length} files).`));
const conf = join(root, 'fixtures', 'gateway-api', 'conformance');
const tests = copyTree('conformance/tests', join(conf, 'tests'), (f) => /^conformance\/tests\/httproute-[^/]*\.yaml$/.test(f));
mkdirSync(join(conf, 'base'), { recursive: true });
writeFileSync(join(conf, 'base', 'manifests.yaml'), git('show', `${commit}:conformance/base/manifests.yaml`));
writeFileSync(join(conf, 'SOURCE.md'), source(`\`conformance/base/manifests.yaml\` and the ${tests.length} \`conformance/tests/httproute-*.yaml\` manifests of the Gateway API conformance suite.`));
console.log(`${written.length} schemas, ${examples.length} example files, ${tests.length + 1} conformance manifests from ${tag} (${commit})`);

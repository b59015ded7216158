// ../shared/corpus (public Ingress manifests), when present: every file renders for Traefik
// without a crash, to a dynamic file valid against the schema whose rules all parse, and
// whose routers of one entry point never share a priority.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { ROOT } from '../helpers.js';
import { probeRequests } from '../../src/diff/probes.js';
import { Matcher } from '../../src/model/match.js';
import { evaluate, backendOfService } from './evaluate.js';
import { renderedTraefik } from './routing.js';
import { parseRule } from './rule.js';
import { schemaProblems } from './schema.js';

const corpus = join(ROOT, '..', 'shared', 'corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];

if (!files.length) {
  console.log('  skipped: ../shared/corpus is not present');
  test.skip('corpus renders for traefik', () => {});
} else {
  test(`corpus: all ${files.length} files render for Traefik to valid, parsing, strictly ordered configurations`, () => {
    const problems: string[] = [];
    let routers = 0;
    for (const f of files) {
      const model = resolve(loadInputs([join(corpus, f)]).documents);
      const { dynamic } = renderedTraefik(model);
      problems.push(...schemaProblems(dynamic).map((p) => `${f}: ${p}`));
      const seen = new Set<string>();
      for (const [name, r] of Object.entries<any>(dynamic.http.routers)) {
        try {
          parseRule(r.rule);
        } catch (err) {
          problems.push(`${f}: ${name}: ${(err as Error).message}`);
        }
        const key = `${r.entryPoints} ${r.priority}`;
        if (seen.has(key)) problems.push(`${f}: ${name} shares priority ${r.priority}`);
        seen.add(key);
        routers++;
      }
    }
    console.log(`  traefik corpus: ${files.length} files, ${routers} routers`);
    assert.equal(problems, []);
  });

  test(`corpus: the probe requests of all ${files.length} files are answered by the Traefik configuration as by the model`, () => {
    const problems: string[] = [];
    let probes = 0;
    for (const f of files) {
      const model = resolve(loadInputs([join(corpus, f)]).documents);
      const { dynamic } = renderedTraefik(model);
      const matcher = new Matcher(model, { random: () => 0 });
      for (const probe of probeRequests(model)) {
        const req = { ...probe, clientIp: '127.0.0.1' }; // both check source ranges against the same client
        probes++;
        const d = matcher.match(req);
        const t = evaluate(dynamic, req, { random: () => 0 });
        // Traefik's permanent redirect is 301 to GET, temporary 302 (the support matrix)
        const want = 'location' in d ? `${[301, 308].includes(d.status) ? 301 : 302} ${d.location}` : d.status === 200 ? `${d.backend.namespace}/${d.backend.service}:${d.backend.port}` : String(d.status);
        const got = 'location' in t && t.location ? `${t.status} ${t.location}` : t.status === 200 && 'service' in t ? backendOfService(t.service) : String(t.status);
        if (want !== got) problems.push(`${f}: ${req.scheme}://${req.host}${req.target}: model ${want}, traefik ${got}`);
      }
    }
    console.log(`  traefik corpus: ${probes} probe requests`);
    assert.equal(problems.slice(0, 20), []);
  });
}

test.run();

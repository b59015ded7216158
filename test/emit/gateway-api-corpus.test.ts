// Every ../shared/corpus file that lints clean converts to Gateway API objects that are
// valid against the CRD schemas and CEL rules and pass --verify (routing unchanged except
// where a reported loss says so).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../../src/load/index.js';
import { resolve } from '../../src/model/resolve.js';
import { readBack, renderGatewayApi, verifyGateway } from '../../src/emit/gateway-api/index.js';
import { ROOT } from '../helpers.js';
import { lintText } from '../lint/helpers.js';

const corpus = join(ROOT, '..', 'shared', 'corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /\.(ya?ml|json)$/.test(f)).sort() : [];
const API = new Set(['schema', 'crd-validation']);

if (!files.length) {
  console.log('  skipped: ../shared/corpus is not present');
  test.skip('corpus: gateway-api conversion', () => {});
} else {
  test('corpus: every file that lints clean converts, validates and verifies', () => {
    const failures: string[] = [];
    let clean = 0;
    let requests = 0;
    for (const f of files) {
      const path = join(corpus, f);
      const text = readFileSync(path, 'utf8');
      if (lintText(text).findings.some((x) => x.severity === 'error')) continue;
      clean++;
      const load = loadInputs([path]);
      const model = resolve(load.documents);
      const out = renderGatewayApi(load.documents, model, { gatewayName: 'ingress' });
      const invalid = lintText(out.stream).findings.filter((x) => API.has(x.ruleId) && x.severity === 'error');
      if (invalid.length) failures.push(`${f}: output invalid: ${invalid[0].line}: ${invalid[0].message}`);
      const back = readBack(load.documents, out.stream, out.gateway);
      const errors = back.findings.filter((x) => x.severity === 'error');
      if (errors.length || !back.gateway) {
        failures.push(`${f}: does not read back: ${errors[0]?.message ?? 'no Gateway'}`);
        continue;
      }
      const v = verifyGateway(model, back.gateway, out.losses);
      requests += v.requests;
      const changed = v.changes.filter((c) => !c.explainedBy);
      if (changed.length) failures.push(`${f}: ${changed.length} requests changed without a loss, e.g. ${changed[0].request}: ${changed[0].before} → ${changed[0].after}`);
    }
    console.log(`  gateway-api corpus: ${files.length} files, ${clean} lint clean, all converted and verified with ${requests} probe requests`);
    assert.ok(clean > 0);
    assert.equal(failures, []);
  });
}

test.run();

// Findings about empty values ("http:" with nothing after it) point at the key, never at
// column 0 (the loader's span for an empty scalar; SARIF needs columns from 1).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintText } from './helpers.js';

test('a finding on an empty value is located at its key', () => {
  const yaml = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\nspec:\n  rules:\n  - http:    \n    host: x.example.com\n';
  const f = lintText(yaml).findings.find((x) => x.ruleId === 'schema' && x.path === 'spec.rules[0].http');
  assert.ok(f, 'the schema reports http');
  assert.equal([f!.line, f!.column], [7, 5]);
});

test('no finding has a column below 1 for empty values anywhere', () => {
  const yaml = 'apiVersion: v1\nkind: Service\nmetadata:\n  name:\nspec:\n  ports:\n  - port:\n';
  for (const f of lintText(yaml).findings) if (f.line !== undefined) assert.ok(f.line >= 1 && f.column! >= 1, `${f.ruleId} ${f.line}:${f.column}`);
});

test.run();

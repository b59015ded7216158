// Origins of annotations: a finding about an annotation names its own line, found from
// the origin of a route of the same Ingress.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { annotationOrigin, fieldOrigin } from '../../src/model/origin.js';
import type { Origin } from '../../src/model/types.js';
import { ingress, modelOf } from '../helpers.js';

test('annotationOrigin: the line of the annotation on the route\'s Ingress', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/', 'Prefix', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false', 'nginx.ingress.kubernetes.io/limit-rps': '5' } }));
  const route = m.hosts[0].routes[0];
  const o = annotationOrigin(route.origin, 'limit-rps');
  assert.equal([o.file, o.line, o.field, o.name], ['test.yaml', 8, 'metadata.annotations[nginx.ingress.kubernetes.io/limit-rps]', 'a']);
  assert.ok(route.origin.line > o.line);
});

test('fieldOrigin: undefined for an origin not made from a document; annotationOrigin falls back to it', () => {
  const plain: Origin = { kind: 'Ingress', namespace: 'default', name: 'a', file: 'x.yaml', line: 3, column: 1, field: 'spec' };
  assert.is(fieldOrigin(plain, ['metadata']), undefined);
  assert.is(annotationOrigin(plain, 'limit-rps'), plain);
});

test('an origin is plain data: JSON.stringify gives its fields, not the source document', () => {
  const m = modelOf(ingress('a', 'foo.com', [['/', 'Prefix', 'svc'], ['/tea', 'Exact', 'tea']], { created: '2024-01-01T00:00:00Z' }));
  const route = m.hosts[0].routes.find((r) => r.match.value === '/tea')!;
  const json = JSON.parse(JSON.stringify(route.origin));
  assert.equal(Object.keys(json).sort(), ['column', 'creationTimestamp', 'field', 'file', 'kind', 'line', 'name', 'namespace']);
  assert.equal({ ...json, line: 0, column: 0 }, { kind: 'Ingress', namespace: 'default', name: 'a', file: 'test.yaml', line: 0, column: 0, field: 'spec.rules[0].http.paths[1]', creationTimestamp: '2024-01-01T00:00:00Z' });
  assert.ok(JSON.stringify(route.origin).length < 300);
  assert.equal(Object.keys(route.origin).sort(), Object.keys(json).sort());
});

test.run();

// One suite per annotation: good values parse to what they mean, bad values are findings
// at the value's file:line:col and are never applied, and hostile values (CR/LF, ";", "{",
// "}", quotes, "$") are refused the same way.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseText } from '../../../src/load/parse.js';
import { readAnnotations } from '../../../src/model/annotations/index.js';
import { NGINX_PREFIX, type AnnotationSpec, type IngressAnnotations } from '../../../src/model/annotations/types.js';
import { ingress } from '../../helpers.js';

/** The annotations of one Ingress (YAML written by test/helpers.ts ingress()), read by the model. */
export function read(annotations: Record<string, string>) {
  const doc = parseText('test.yaml', ingress('a', 'foo.com', [['/', 'Prefix', 'svc']], { annotations })).documents[0];
  doc.namespace = 'default';
  return readAnnotations(doc);
}

export const HOSTILE = ['\r\nreturn 200 x', '\nx', ';', '{', '}', '"', "'", '$host'];

export interface Cases<T> {
  /** value → what the parser makes of it */
  good: [string, T][];
  /** value → a part of the finding's message */
  bad: [string, string | RegExp][];
  /** a valid value to put hostile characters into */
  base: string;
  /** hostile characters the annotation legitimately takes (e.g. "$" for rewrite-target) */
  allows?: string[];
  /** what the annotation changes: must stay at its default when the value is invalid */
  applied(a: IngressAnnotations): unknown;
  /** what `applied` is after an invalid value, when not the default (an invalid origin list allows no origin) */
  whenInvalid?: unknown;
}

export function annotationSuite<T>(spec: AnnotationSpec<T>, cases: Cases<NoInfer<T>>): void {
  const key = NGINX_PREFIX + spec.name;
  const untouched = 'whenInvalid' in cases ? cases.whenInvalid : cases.applied(read({}).result);

  for (const [value, expected] of cases.good) {
    test(`${spec.name}: ${JSON.stringify(value)} is accepted`, () => {
      const parsed = spec.parse(value);
      assert.ok(parsed.ok, `expected ${JSON.stringify(value)} to parse: ${parsed.ok ? '' : parsed.message}`);
      if (parsed.ok) assert.equal(parsed.value, expected);
      const r = read({ [key]: value });
      assert.equal(r.findings.filter((f) => f.ruleId === 'annotation-value'), []);
      assert.equal(cases.applied(r.result), expected);
    });
  }

  const refused = (value: string, message?: string | RegExp) => {
    const r = read({ [key]: value });
    const f = r.findings.find((x) => x.ruleId === 'annotation-value');
    assert.ok(f, `expected a finding for ${JSON.stringify(value)}`);
    assert.is(f!.severity, 'error');
    // the value of the first annotation: line 7, after "    <key>: "
    assert.equal([f!.file, f!.line, f!.column], ['test.yaml', 7, 7 + key.length]);
    if (message) assert.match(f!.message, message);
    assert.equal(cases.applied(r.result), untouched, `${JSON.stringify(value)} must not be applied`);
  };

  for (const [value, message] of cases.bad) {
    test(`${spec.name}: ${JSON.stringify(value)} is refused`, () => refused(value, message));
  }

  test(`${spec.name}: hostile values are refused, never applied`, () => {
    for (const h of HOSTILE) {
      if (cases.allows?.some((a) => h.startsWith(a))) continue;
      refused(cases.base + h);
    }
  });
}

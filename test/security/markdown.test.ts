// Manifest text in Markdown tables (diff -o markdown, posted as PR comments; the gateway-api
// README) stays text: no image, link or HTML element, and each row keeps its cells.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { marked } from 'marked';
import { JSDOM } from 'jsdom';
import { cli } from '../helpers.js';
import { markdownCell, markdownCode } from '../../src/util/markdown.js';
import { lossesReadme } from '../../src/emit/gateway-api/index.js';

const HOSTILE = '/x![a](https://evil.example/p.png)`<img src=x>`|b\\*[l](javascript:x) <b>bold</b> ``` &lt;\nsecond | row';

function html(md: string): Document {
  return new JSDOM(marked.parse(md, { async: false, gfm: true })).window.document;
}

/** The one table's rows as cell texts. */
function rows(doc: Document): string[][] {
  return [...doc.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.textContent ?? ''));
}

test('markdownCell and markdownCode: the text shown is the text given, in one cell, without elements', () => {
  for (const cell of [markdownCell, markdownCode]) {
    const doc = html(`| a | b |\n| --- | --- |\n| ${cell(HOSTILE)} | end |\n`);
    assert.equal(rows(doc).map((r) => r.length), [2, 2]);
    assert.is(rows(doc)[1][0], HOSTILE.replace(/\n/, ' '), cell.name);
    assert.is(doc.querySelectorAll('img, a, b, script').length, 0, cell.name);
  }
});

test('diff -o markdown: a route path made of Markdown is shown as text', async () => {
  const r = await cli(['diff', 'test/security/fixtures/markdown/old.yaml', 'test/security/fixtures/markdown/new.yaml', '-o', 'markdown']);
  const doc = html(r.stdout);
  assert.is(doc.querySelectorAll('img, a').length, 0, r.stdout);
  const added = rows(doc).find((row) => row[0] === 'added')!;
  assert.ok(added, r.stdout);
  assert.is(added.length, 5);
  assert.ok(added[2].includes('/x![a](https://evil.example/p.png)`<img>`|b\\*'), added[2]);
});

test('gateway-api README: a finding message made of Markdown is shown as text', () => {
  const md = lossesReadme([{ ruleId: 'x', severity: 'warning', message: HOSTILE, file: 'in.yaml', line: 3 } as never], { namespace: 'default', name: 'gw' });
  const doc = html(md);
  assert.is(doc.querySelectorAll('img, a, b').length, 0, md);
  assert.is(rows(doc)[1][2], HOSTILE.replace(/\n/, ' '));
});

test.run();

// serve --ui in a real browser: Debian's chromium, headless, driven by playwright-core
// (which downloads nothing). Skipped without chromium; a failure under
// INGRESSCTL_REQUIRE_ENGINES=1 (CI installs it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { cli, ROOT } from '../helpers.js';
import { testNeeding } from '../needs.js';
import { call, serveCli, sleep } from './helpers.js';

const CHROMIUM = process.env.INGRESSCTL_CHROMIUM ?? '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
const profile = mkdtempSync(join(tmpdir(), 'ingressctl-chromium-'));

let browser: BrowserContext | undefined;
async function newPage(): Promise<Page> {
  // a fresh profile folder: Playwright passes it as --user-data-dir
  browser ??= await (await import('playwright-core')).chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    // serveCli stops serve with a SIGTERM to this process: the browser must outlive it
    handleSIGTERM: false,
    handleSIGINT: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

test.after(async () => {
  await browser?.close();
  rmSync(profile, { recursive: true, force: true });
});

/** The spread of grey levels of a PNG: 0 for a blank picture. */
function pixelVariance(png: Buffer): number {
  const img = PNG.sync.read(png);
  let sum = 0;
  let sq = 0;
  const n = img.width * img.height;
  for (let i = 0; i < img.data.length; i += 4) {
    const y = 0.299 * img.data[i] + 0.587 * img.data[i + 1] + 0.114 * img.data[i + 2];
    sum += y;
    sq += y * y;
  }
  return sq / n - (sum / n) ** 2;
}

testNeeding(test, 'chromium', HAVE, 'the page: cafe routes in the table, live requests within 1 s, a reload entry on edit, explain, a non-blank screenshot', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-ui-'));
  cpSync(join(ROOT, 'fixtures', 'cafe'), dir, { recursive: true });
  const live = serveCli([dir, '--ui', '--ui-port', '0']);
  let page: Page | undefined;
  try {
    page = await newPage();
    const { line, httpsPort } = await live.ready;
    const uiPort = Number(/page at http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)?.[1]);
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(`http://127.0.0.1:${uiPort}/`)) outside.push(r.url());
    });
    await page.goto(`http://127.0.0.1:${uiPort}/`);
    await page.waitForSelector('body[data-live="1"]');

    // the route table: the cafe routes, as routes -o json has them
    const rows = await page.$$eval('#routes tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    assert.equal(
      rows.map((r) => `${r[0]} ${r[2]} ${r[3]} ${r[4]}`).sort(),
      ['cafe.example.com /coffee Prefix default/coffee-svc:80', 'cafe.example.com /tea Prefix default/tea-svc:80'],
    );
    assert.ok(await page.$eval('#graph svg', (svg) => svg.textContent?.includes('default/tea-svc:80')));

    // a request through serve shows in the live list, with its route, within a second
    const reply = await call({ httpPort: 0, httpsPort } as never, { scheme: 'https', host: 'cafe.example.com', path: '/tea/green?from=browser-test' });
    assert.is(reply.status, 200);
    const sent = Date.now();
    await page.waitForFunction(() => [...document.querySelectorAll('#requests tbody tr')].some((tr) => tr.textContent!.includes('/tea/green?from=browser-test') && tr.textContent!.includes('default/cafe-ingress cafe.example.com/tea (Prefix)')), undefined, { timeout: 1000 });
    assert.ok(Date.now() - sent <= 1000);

    // an edit of the manifests: a reload entry, and the table follows
    const file = join(dir, 'cafe-ingress.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- path: /coffee', '- path: /juice\n            pathType: Prefix\n            backend:\n              service:\n                name: juice-svc\n                port:\n                  number: 80\n          - path: /coffee'));
    await page.waitForSelector('#reloads li.reloaded', { timeout: 5000 });
    assert.match((await page.textContent('#reloads li.reloaded'))!, /reloaded 3 routes/);
    await page.waitForFunction(() => document.querySelectorAll('#routes tbody tr').length === 3, undefined, { timeout: 5000 });
    // a broken edit: refused, listed as such
    writeFileSync(file, 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: [\n');
    await page.waitForSelector('#reloads li.refused', { timeout: 5000 });

    // the explain box
    await page.fill('#explain-url', 'https://cafe.example.com/juice/orange');
    await page.click('#explain-form button');
    await page.waitForFunction(() => document.getElementById('explain-out')!.textContent!.includes('default/juice-svc:80'));
    assert.match((await page.textContent('#explain-out'))!, /cafe\.example\.com\/juice \(Prefix\)/);

    const shot = await page.screenshot({ fullPage: true });
    writeFileSync(join(dir, 'page.png'), shot);
    assert.ok(pixelVariance(shot) > 100, `the screenshot looks blank (variance ${pixelVariance(shot)})`);
    assert.equal(outside, [], 'the page loads nothing from elsewhere');
  } finally {
    await page?.close();
    assert.is(await live.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  }
});

testNeeding(test, 'chromium', HAVE, 'graph -o svg opened in the browser shows every host and backend as text', async () => {
  const routes = JSON.parse((await cli(['routes', 'fixtures/routing', '-o', 'json'])).stdout) as { hosts: { host: string; routes: { backend: { namespace: string; service: string; port: number } }[] }[] };
  const svg = (await cli(['graph', 'fixtures/routing', '-o', 'svg'])).stdout;
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-svg-'));
  let page: Page | undefined;
  try {
    page = await newPage();
    writeFileSync(join(dir, 'routing.svg'), svg);
    await page.goto(`file://${join(dir, 'routing.svg')}`);
    const texts = await page.$$eval('text', (ts) => ts.flatMap((t) => [...t.querySelectorAll('tspan')].map((s) => s.textContent)));
    const want = routes.hosts.flatMap((h) => [h.host || '* (any host)', ...h.routes.map((r) => `${r.backend.namespace}/${r.backend.service}:${r.backend.port}`)]);
    assert.ok(want.length > 20);
    assert.equal(want.filter((w) => !texts.includes(w)), []);
    // drawn, not only present: the browser gives the text a size
    const box = await page.$eval('svg', (s) => (s as SVGSVGElement).getBBox().width);
    assert.ok(box > 500);
    assert.ok(pixelVariance(await page.screenshot()) > 100);
  } finally {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

testNeeding(test, 'chromium', HAVE, 'graph -o html: the search box finds a host, inside a collapsed namespace too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingressctl-html-'));
  let page: Page | undefined;
  try {
    page = await newPage();
    for (const [collapse, kind] of [['0', 'host'], ['1', 'namespace']]) {
      writeFileSync(join(dir, 'routing.html'), (await cli(['graph', 'fixtures/routing', '-o', 'html', '--collapse-above', collapse])).stdout);
      await page.goto(`file://${join(dir, 'routing.html')}`);
      await page.fill('#graph-search', 'exact.example.com');
      const hits = await page.$$eval('g.node.hit', (gs) => gs.map((g) => g.getAttribute('data-kind')));
      assert.equal(hits, [kind]);
      assert.match((await page.textContent('#graph-count'))!, /^1 of \d+ nodes match$/);
      assert.ok((await page.$$('g.node.dim')).length > (collapse === '0' ? 10 : 0));
    }
  } finally {
    await page?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the browser would need nothing downloaded: playwright-core has no install script', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  for (const s of ['preinstall', 'install', 'postinstall']) assert.is(pkg.scripts?.[s], undefined, s);
  void sleep;
});

test.run();

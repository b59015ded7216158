// Validators for graph output: Mermaid by Mermaid's own parser (it needs a DOM: jsdom),
// DOT by dotparser, SVG by an XML parser plus a check that nothing is loaded from outside.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
let mermaid: Promise<{ parse(text: string): Promise<unknown> }> | undefined;

function loadMermaid() {
  // DOMPurify, which mermaid uses, looks for window and document when it loads
  const g = globalThis as Record<string, unknown>;
  g.window ??= dom.window;
  g.document ??= dom.window.document;
  return (mermaid ??= import('mermaid').then((m) => m.default as never));
}

/** Throws Mermaid's parse error for invalid text; returns the configuration the text sets
 * (front matter or %%{init}%% directives, which Mermaid finds anywhere in the text). */
export async function parseMermaid(text: string): Promise<Record<string, unknown>> {
  const r = (await (await loadMermaid()).parse(text)) as { config?: Record<string, unknown> };
  return r.config ?? {};
}

/** Throws dotparser's error for invalid DOT; returns the statements' count. */
export function parseDot(text: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const parse = require('dotparser') as (t: string) => { children: unknown[] }[];
  const graphs = parse(text);
  if (graphs.length !== 1) throw new Error(`expected one graph, got ${graphs.length}`);
  return graphs[0].children.length;
}

/** Well-formed XML whose root is <svg>, and nothing from outside. Returns the document. */
export function checkSvg(text: string): Document {
  const doc = new dom.window.DOMParser().parseFromString(text, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`SVG is not well-formed XML: ${error.textContent}`);
  if (doc.documentElement.tagName !== 'svg') throw new Error(`root is <${doc.documentElement.tagName}>`);
  checkSelfContained(text);
  return doc as unknown as Document;
}

/** No href, src, @import or url() that leaves the document (only #fragment references). */
export function checkSelfContained(text: string): void {
  const outside = /(?:href|src)\s*=\s*["'](?!#)|@import|url\(\s*["']?(?!#)/i.exec(text);
  if (outside) throw new Error(`external reference: ${text.slice(outside.index, outside.index + 80)}`);
}

/** The texts drawn in an SVG, line by line. */
export function svgTexts(doc: Document): string[] {
  return [...doc.getElementsByTagName('tspan')].map((t) => t.textContent ?? '');
}

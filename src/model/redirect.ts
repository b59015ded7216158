// permanent-redirect / temporal-redirect as the model holds them: a RequestRedirect filter
// whose every part is fixed (scheme, host, port, path) plus the query that replaces the
// request's (RedirectFilter.fixed). ingress-nginx answers with the URL exactly as written,
// so the parts are cut from the text without normalising it, and fixedLocation puts the
// same text back together.
import type { RedirectFilter } from './types.js';
import { isRedirectCode, isRedirectUrl } from './validate-values.js';

type Annotation = NonNullable<RedirectFilter['fixed']>['annotation'];

// scheme, host (a bracketed IPv6 literal or anything up to ":", "/" or "?"), port, path, query
const PARTS = /^(https?):\/\/(\[[^\]]*\]|[^/:?]*)(?::(\d+))?([^?]*)(\?[\s\S]*)?$/;

/** The redirect filter of an annotation's URL (an absolute http(s) URL, as its parser accepts). */
export function fixedRedirect(url: string, statusCode: RedirectFilter['statusCode'], annotation: Annotation): RedirectFilter {
  const m = PARTS.exec(url);
  if (!m) throw new Error(`not an absolute http(s) URL: ${url}`);
  const [, scheme, hostname, port, path, query] = m;
  return {
    scheme: scheme as 'http' | 'https',
    hostname,
    ...(port !== undefined ? { port: Number(port) } : {}),
    path: { type: 'ReplaceFullPath', value: path },
    statusCode,
    fixed: { query: query ?? '', annotation },
  };
}

/** The Location of a fixed redirect, as the annotation wrote it. */
export function fixedLocation(f: RedirectFilter): string {
  return `${f.scheme}://${f.hostname}${f.port !== undefined ? `:${f.port}` : ''}${f.path?.value ?? ''}${f.fixed?.query ?? ''}`;
}

/** A fixed redirect every target can write: its Location and status, checked (src/model/validate-values.ts). */
export interface CheckedRedirect {
  url: string;
  code: RedirectFilter['statusCode'];
  /** which annotation: permanent-redirect or temporal-redirect */
  kind: 'permanent' | 'temporal';
}

const checked = new WeakMap<RedirectFilter, { ok: CheckedRedirect } | { refused: string }>();

/**
 * The Location and status of a fixed redirect, or why no target may send it (a value that
 * bypassed the annotation's parser): the route then answers 503, closed rather than sent on.
 */
export function checkFixedRedirect(f: RedirectFilter): { ok: CheckedRedirect } | { refused: string } {
  let c = checked.get(f);
  if (c) return c;
  const url = fixedLocation(f);
  const annotation = f.fixed?.annotation ?? 'permanent-redirect';
  c = isRedirectUrl(url) && isRedirectCode(f.statusCode) ? { ok: { url, code: f.statusCode, kind: annotation === 'temporal-redirect' ? 'temporal' : 'permanent' } } : { refused: `${annotation} ${JSON.stringify(url)} (code ${f.statusCode}) cannot be written as a Location; the route answers 503 instead` };
  checked.set(f, c);
  return c;
}

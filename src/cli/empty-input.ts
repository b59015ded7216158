// Input with nothing to route is said plainly, never passed off as success: no objects at
// all is unusable input (exit 2); objects but no Ingress (or Gateway API route) is a note.
import type { LoadResult } from '../load/index.js';
import type { RouteModel } from '../model/types.js';
import { EXIT } from './exit.js';
import type { IO } from './io.js';

/** Kinds that define routes: Ingress, and the Gateway API routes where they are read. */
export const ROUTE_KINDS = new Set(['Ingress', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/** Where the input came from, as the user named it. */
function inputNames(paths: readonly string[]): string {
  const names = paths.map((p) => (p === '-' ? 'standard input' : p));
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

/**
 * Writes the note for input without routes. Returns EXIT.USAGE when nothing at all could be
 * read (empty stdin, an empty file) and there is no other finding to explain it, else undefined.
 */
export function checkEmptyInput(load: LoadResult, paths: readonly string[], io: IO): number | undefined {
  if (load.documents.some((d) => ROUTE_KINDS.has(d.kind))) return undefined;
  const where = inputNames(paths);
  if (load.documents.length === 0) {
    if (load.findings.some((f) => f.severity === 'error')) return undefined; // the findings say why
    io.stderr.write(`ingressctl: no Ingress or route objects found in ${where}: the input holds no Kubernetes objects\n`);
    return EXIT.USAGE;
  }
  const kinds = [...new Set(load.documents.map((d) => d.kind || '(no kind)'))].sort();
  io.stderr.write(`ingressctl: note: no Ingress or route objects found in ${where} (read ${load.documents.length} object${load.documents.length === 1 ? '' : 's'}: ${kinds.join(', ')})\n`);
  return undefined;
}

/**
 * A note when --ingress-class keeps none of the input's Ingresses (a mistyped class would
 * otherwise print "No routes." or a clean lint, exit 0), naming the classes they have.
 */
export function noteClassFilter(unselected: RouteModel['unselected'], wanted: string | undefined, io: IO): void {
  if (wanted === undefined || !unselected) return;
  const { ingresses: n, classes } = unselected;
  io.stderr.write(`ingressctl: note: --ingress-class ${wanted} keeps none of the ${n} Ingress${n === 1 ? '' : 'es'} in the input (their class${classes.length === 1 ? '' : 'es'}: ${classes.join(', ')})\n`);
}

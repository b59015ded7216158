// What every emitter (nginx, HAProxy, Envoy, Traefik) takes and gives. Emitters read only the
// RouteModel; what a target cannot express is returned as findings, never dropped.
import type { Document } from '../load/document.js';
import type { Finding } from '../findings/finding.js';
import type { RouteModel } from '../model/types.js';
import type { TextProducer } from '../util/batched.js';

export type Target = 'nginx' | 'haproxy' | 'envoy' | 'traefik';

/** The targets `render --target` offers (their emitters: src/emit/index.ts). */
export const TARGETS: readonly Target[] = ['nginx', 'haproxy', 'envoy', 'traefik'];

export interface EmitOptions {
  httpPort: number;
  httpsPort: number;
  /** address to listen on; undefined = all addresses */
  listenAddress?: string;
  /** DNS server for Service names (default 10.96.0.10, the usual kube-dns address) */
  resolver: string;
  /** emit snippet annotations (nginx only), read from `documents` */
  allowSnippets?: boolean;
  /** the loaded objects, for what the model deliberately does not carry (snippet text) */
  documents?: readonly Document[];
  /** every answer of a route carries x-ingressctl-route, as serve's proxy sends it (serve --engine) */
  routeHeader?: boolean;
  /** the configuration is reloaded under traffic (serve --engine): settings that let old connections finish */
  reloads?: boolean;
  /**
   * the access log for serve --engine, one line per request it reads (src/engines/access-log.ts):
   * nginx writes it to `path` (a FIFO serve reads), HAProxy to its stderr
   */
  serveAccessLog?: { path: string };
}


export interface EmittedFile {
  /** relative to the bundle folder, "/"-separated */
  path: string;
  /** the whole text (for a large file made by streamedFile, joined only when read) */
  content: string;
  /** writes the text in pieces, for writers that stream it (large configurations are never one string) */
  produce?: TextProducer;
  /** file mode; private keys are 0o600 */
  mode?: number;
}

export interface EmitResult {
  /** the main config file's path within `files` (printed on stdout without -o) */
  mainFile: string;
  /** what is printed instead of the main file, when it holds secrets (HAProxy userlists; the file itself is 0600) */
  printable?: string;
  files: EmittedFile[];
  /** what was not translated, or only approximately, for this target (file:line of the cause) */
  findings: Finding[];
}

export type Emitter = (model: RouteModel, options: EmitOptions) => EmitResult;

/** A file whose text is made on first read (certificates: `render` to stdout never reads them). */
export function lazyFile(path: string, make: () => string, mode?: number): EmittedFile {
  let text: string | undefined;
  return {
    path,
    get content() {
      return (text ??= make());
    },
    ...(mode !== undefined ? { mode } : {}),
  };
}

// The one way a value reaches envoy.yaml: YAML serialisation of the typed bootstrap.
// Every string is double-quoted, so no value can be read back as another type by
// Envoy's YAML 1.1 reader (host "on" stays a string, not `true`), and no value can
// open a new key, list item or document.
import type { Bootstrap } from './types.js';

/** Field names and the fixed map keys the emitter uses ("@type", extension names). */
const KEY = /^@?[a-z][a-z0-9_.]*$/i;

export function envoyYaml(bootstrap: Bootstrap): string {
  checkKeys(bootstrap, 'bootstrap');
  // loaded on first use: the yaml library is large and only rendering for Envoy needs it
  const { stringify } = require('yaml') as typeof import('yaml');
  return stringify(bootstrap, {
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
    lineWidth: 0,
    minContentWidth: 0,
    // the HTTPS filter chains share one connection manager (and its route table): written
    // once with an anchor, then referenced. Envoy reads YAML with yaml-cpp, which resolves
    // aliases; written out in full, 10k Ingresses made a multi-gigabyte file.
    aliasDuplicateObjects: true,
  });
}

/** Keys never come from a manifest; a key that is not a plain field name is a bug here. */
function checkKeys(value: unknown, at: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkKeys(v, `${at}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!KEY.test(k)) throw new Error(`envoy emitter: unexpected key ${JSON.stringify(k)} at ${at}`);
      checkKeys(v, `${at}.${k}`);
    }
  } else if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`envoy emitter: non-finite number at ${at}`);
}

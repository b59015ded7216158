// The one way a value reaches envoy.yaml. The typed bootstrap is written as YAML flow
// style: JSON's syntax (every string double-quoted with JSON's escapes, which YAML reads the
// same way), so no value can be read back as another type by Envoy's YAML reader (host "on"
// stays a string, not `true`) and no value can open a new key, list item or document. An
// object used in several places (the connection manager and route table the HTTPS filter
// chains share) is written once with an anchor and referenced with an alias: Envoy reads
// YAML with yaml-cpp, which resolves them; written out in full, 10k Ingresses made gigabytes.
import type { TextProducer } from '../../util/batched.js';
import type { Bootstrap } from './types.js';

/** Field names and the fixed map keys the emitter uses ("@type", extension names). */
const KEY = /^@?[a-z][a-z0-9_.]*$/i;

export function envoyYaml(bootstrap: Bootstrap): string {
  let all = '';
  envoyYamlWriter(bootstrap)((text) => {
    all += text;
  });
  return all;
}

/** Pieces of this size or more are handed to `emit`: the text is never one string. */
const PIECE = 1 << 16;

/**
 * envoy.yaml for `bootstrap`, written through `emit` piece by piece. Keys and numbers are
 * checked now, so a bad bootstrap fails here, before anything is written.
 */
export function envoyYamlWriter(bootstrap: Bootstrap): TextProducer {
  const uses = countUses(bootstrap);
  return (emit) => writeYaml(bootstrap, uses, emit);
}

function writeYaml(bootstrap: Bootstrap, uses: Map<object, number>, emit: (text: string) => void): void {
  const anchors = new Map<object, string>();
  let buf = '';
  const write = (value: unknown, indent: string): void => {
    if (value === null) return void (buf += 'null');
    if (typeof value === 'string') return void (buf += JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean') return void (buf += String(value));
    const obj = value as Record<string, unknown>;
    if ((uses.get(obj) ?? 0) > 1) {
      const seen = anchors.get(obj);
      if (seen) return void (buf += `*${seen} `);
      const name = `a${anchors.size + 1}`;
      anchors.set(obj, name);
      buf += `&${name} `;
    }
    const inner = indent + '  ';
    if (Array.isArray(obj)) {
      if (!obj.length) return void (buf += '[]');
      buf += '[\n';
      for (let i = 0; i < obj.length; i++) {
        buf += inner;
        write(obj[i], inner);
        buf += i < obj.length - 1 ? ',\n' : '\n';
        if (buf.length >= PIECE) {
          emit(buf);
          buf = '';
        }
      }
      return void (buf += indent + ']');
    }
    let first = true;
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      buf += first ? '{\n' : ',\n';
      first = false;
      buf += inner + JSON.stringify(k) + ': ';
      write(v, inner);
    }
    buf += first ? '{}' : '\n' + indent + '}';
  };
  write(bootstrap, '');
  emit(buf + '\n');
}

/**
 * How often each object or array is referenced; each is walked once. Checks on the way
 * that keys never come from a manifest (a key that is not a plain field name is a bug
 * here) and that numbers are finite.
 */
function countUses(root: unknown): Map<object, number> {
  const uses = new Map<object, number>();
  /** the keys down to the value being walked, for the error message */
  const at: string[] = ['bootstrap'];
  const walk = (value: unknown): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`envoy emitter: non-finite number at ${at.join('.')}`);
    if (value === null || typeof value !== 'object') return;
    const n = uses.get(value) ?? 0;
    uses.set(value, n + 1);
    if (n) return;
    if (Array.isArray(value)) for (const v of value) walk(v);
    else
      for (const k in value) {
        if (!KEY.test(k)) throw new Error(`envoy emitter: unexpected key ${JSON.stringify(k)} at ${at.join('.')}`);
        at.push(k);
        walk((value as Record<string, unknown>)[k]);
        at.pop();
      }
  };
  walk(root);
  return uses;
}

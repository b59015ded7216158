// The one way a value reaches envoy.yaml. The typed bootstrap is written as YAML flow
// style: JSON's syntax (every string double-quoted with JSON's escapes, which YAML reads the
// same way), so no value can be read back as another type by Envoy's YAML reader (host "on"
// stays a string, not `true`) and no value can open a new key, list item or document. An
// object used in several places (the connection manager and route table the HTTPS filter
// chains share) is written once with an anchor and referenced with an alias: Envoy reads
// YAML with yaml-cpp, which resolves them; written out in full, 10k Ingresses made gigabytes.
import type { Bootstrap } from './types.js';

/** Field names and the fixed map keys the emitter uses ("@type", extension names). */
const KEY = /^@?[a-z][a-z0-9_.]*$/i;

export function envoyYaml(bootstrap: Bootstrap): string {
  const uses = countUses(bootstrap);
  const anchors = new Map<object, string>();
  const out: string[] = [];
  const write = (value: unknown, indent: string): void => {
    if (value === null) return void out.push('null');
    if (typeof value === 'string') return void out.push(JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean') return void out.push(String(value));
    const obj = value as object;
    if ((uses.get(obj) ?? 0) > 1) {
      const seen = anchors.get(obj);
      if (seen) return void out.push(`*${seen} `);
      const name = `a${anchors.size + 1}`;
      anchors.set(obj, name);
      out.push(`&${name} `);
    }
    const inner = indent + '  ';
    if (Array.isArray(obj)) {
      if (!obj.length) return void out.push('[]');
      out.push('[\n');
      obj.forEach((item, i) => {
        out.push(inner);
        write(item, inner);
        out.push(i < obj.length - 1 ? ',\n' : '\n');
      });
      return void out.push(indent, ']');
    }
    const entries = Object.entries(obj).filter(([, v]) => v !== undefined);
    if (!entries.length) return void out.push('{}');
    out.push('{\n');
    entries.forEach(([k, v], i) => {
      out.push(inner, JSON.stringify(k), ': ');
      write(v, inner);
      out.push(i < entries.length - 1 ? ',\n' : '\n');
    });
    out.push(indent, '}');
  };
  write(bootstrap, '');
  out.push('\n');
  return out.join('');
}

/**
 * How often each object or array is referenced; each is walked once. Checks on the way
 * that keys never come from a manifest (a key that is not a plain field name is a bug
 * here) and that numbers are finite.
 */
function countUses(root: unknown): Map<object, number> {
  const uses = new Map<object, number>();
  const walk = (value: unknown, at: string): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`envoy emitter: non-finite number at ${at}`);
    if (value === null || typeof value !== 'object') return;
    const n = uses.get(value) ?? 0;
    uses.set(value, n + 1);
    if (n) return;
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, at));
    else
      for (const [k, v] of Object.entries(value)) {
        if (!KEY.test(k)) throw new Error(`envoy emitter: unexpected key ${JSON.stringify(k)} at ${at}`);
        walk(v, `${at}.${k}`);
      }
  };
  walk(root, 'bootstrap');
  return uses;
}

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
 * Parts of the bootstrap that many routes share and that never change (the buffer limit, the
 * HTTPS redirect, the unsafe-path route): frozen, checked once, written in full wherever they
 * appear (never with an anchor, as the fresh copies they stand for were), their text made
 * once per indentation by the same writer.
 */
const constants = new WeakSet<object>();
/** a constant's text, by depth */
const constantTexts = new WeakMap<object, string[]>();

/** Registers `value` (and everything in it) as a constant: see `constants`. */
export function constant<T extends object>(value: T): T {
  sharedObjects(value); // the same checks as the whole bootstrap gets: plain keys, finite numbers
  const freeze = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || constants.has(v)) return;
    for (const k in v) freeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
    constants.add(v);
  };
  freeze(value);
  return value;
}

/**
 * envoy.yaml for `bootstrap`, written through `emit` piece by piece. Keys and numbers are
 * checked now, so a bad bootstrap fails here, before anything is written.
 */
export function envoyYamlWriter(bootstrap: Bootstrap): TextProducer {
  const shared = sharedObjects(bootstrap);
  return (emit) => writeYaml(bootstrap, shared, emit);
}

/** Indentation, and a mapping's key texts, by depth: made once, not per key written. */
interface Depth {
  indent: string;
  inner: string;
  /** `"key": ` after "{" or after "," and the inner indentation */
  keys: Map<string, [first: string, next: string]>;
  close: string;
}
const depths: Depth[] = [];
function depth(d: number): Depth {
  let at = depths[d];
  if (!at) {
    const indent = '  '.repeat(d);
    depths[d] = at = { indent, inner: indent + '  ', keys: new Map(), close: '\n' + indent + '}' };
  }
  return at;
}

function keyText(at: Depth, k: string): [string, string] {
  let t = at.keys.get(k);
  if (!t) {
    const key = at.inner + JSON.stringify(k) + ': ';
    at.keys.set(k, (t = ['{\n' + key, ',\n' + key]));
  }
  return t;
}

function writeYaml(bootstrap: Bootstrap, shared: Set<object>, emit: (text: string) => void): void {
  const anchors = new Map<object, string>();
  // the text as parts joined once per piece: no string object per token
  let parts: string[] = [];
  let size = 0;
  /** writing a constant's text for the cache: no piece is handed on meanwhile */
  let capturing = 0;
  const put = (text: string): void => {
    parts.push(text);
    size += text.length;
  };
  const write = (value: unknown, d: number): void => {
    if (value === null) return put('null');
    if (typeof value === 'string') return put(JSON.stringify(value));
    if (typeof value === 'number' || typeof value === 'boolean') return put(String(value));
    const obj = value as Record<string, unknown>;
    if (constants.has(obj)) return put(constantText(obj, d));
    if (shared.has(obj)) {
      const seen = anchors.get(obj);
      if (seen) return put(`*${seen} `);
      const name = `a${anchors.size + 1}`;
      anchors.set(obj, name);
      put(`&${name} `);
    }
    writeComposite(obj, d);
  };
  const writeComposite = (obj: Record<string, unknown>, d: number): void => {
    const at = depth(d);
    if (Array.isArray(obj)) {
      if (!obj.length) return put('[]');
      put('[\n');
      for (let i = 0; i < obj.length; i++) {
        put(at.inner);
        write(obj[i], d + 1);
        put(i < obj.length - 1 ? ',\n' : '\n');
        if (size >= PIECE && !capturing) {
          emit(parts.join(''));
          parts = [];
          size = 0;
        }
      }
      return put(at.indent + ']');
    }
    let first = true;
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      const t = keyText(at, k);
      put(first ? t[0] : t[1]);
      first = false;
      write(v, d + 1);
    }
    put(first ? '{}' : at.close);
  };
  const constantText = (obj: Record<string, unknown>, d: number): string => {
    let texts = constantTexts.get(obj);
    if (!texts) constantTexts.set(obj, (texts = []));
    let text = texts[d];
    if (text === undefined) {
      const before = parts;
      const beforeSize = size;
      parts = [];
      capturing++;
      writeComposite(obj, d);
      capturing--;
      text = texts[d] = parts.join('');
      parts = before;
      size = beforeSize;
    }
    return text;
  };
  write(bootstrap, 0);
  put('\n');
  emit(parts.join(''));
}

/**
 * The objects and arrays referenced more than once (written once with an anchor); each is walked once (constants not at all:
 * they were checked when made). Checks on the way that keys never come from a manifest (a
 * key that is not a plain field name is a bug here) and that numbers are finite.
 */
function sharedObjects(root: unknown): Set<object> {
  // only the objects met twice or more are kept (a handful), not every object of the bootstrap
  const seen = new Set<object>();
  const shared = new Set<object>();
  const plainKeys = new Set<string>();
  let bad = false;
  const walk = (value: unknown): void => {
    if (typeof value !== 'object') {
      if (typeof value === 'number' && !Number.isFinite(value)) bad = true;
      return;
    }
    if (value === null || constants.has(value)) return;
    if (seen.has(value)) return void shared.add(value);
    seen.add(value);
    if (Array.isArray(value)) for (const v of value) walk(v);
    else
      for (const k in value) {
        if (!plainKeys.has(k)) {
          if (!KEY.test(k)) bad = true;
          else plainKeys.add(k);
        }
        walk((value as Record<string, unknown>)[k]);
      }
  };
  walk(root);
  if (bad) explainBad(root);
  return shared;
}

/** Throws for the first bad key or number in `root`, naming where it is (the slow walk, only on failure). */
function explainBad(root: unknown): void {
  const seen = new Set<object>();
  /** the keys down to the value being walked, for the error message */
  const at: string[] = ['bootstrap'];
  const walk = (value: unknown): void => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`envoy emitter: non-finite number at ${at.join('.')}`);
    if (value === null || typeof value !== 'object' || constants.has(value) || seen.has(value)) return;
    seen.add(value);
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
}

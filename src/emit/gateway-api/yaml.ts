// YAML for the Gateway API output. Every scalar from a manifest passes `quote` (one
// function for every value that lands in the output); keys are ingressctl's own field names.

export type Yaml = string | number | boolean | Yaml[] | { [key: string]: Yaml | undefined };

/**
 * A YAML double-quoted scalar (JSON string syntax is valid YAML): no value can end the string
 * or start a new node. NEL, LS and PS are escaped too: a YAML 1.1 reader (kubectl's go-yaml)
 * takes them as line breaks and folds them to a space.
 */
export function quote(value: string): string {
  return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const KEY = /^[A-Za-z][A-Za-z0-9.\-_/]*$/;

function scalar(v: string | number | boolean): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`internal: ${v} is not a YAML number`);
  return String(v);
}

function key(k: string): string {
  return KEY.test(k) ? k : quote(k);
}

function lines(v: Yaml, indent: string): string[] {
  if (Array.isArray(v)) {
    if (!v.length) return [`${indent}[]`];
    const out: string[] = [];
    for (const item of v) {
      const sub = lines(item, indent + '  ');
      const first = sub[0].slice(indent.length + 2);
      out.push(`${indent}- ${first}`, ...sub.slice(1));
    }
    return out;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter((e): e is [string, Yaml] => e[1] !== undefined);
    if (!entries.length) return [`${indent}{}`];
    const out: string[] = [];
    for (const [k, val] of entries) {
      if (typeof val === 'object' && (Array.isArray(val) ? val.length : Object.keys(val).length)) out.push(`${indent}${key(k)}:`, ...lines(val, indent + '  '));
      else out.push(`${indent}${key(k)}: ${typeof val === 'object' ? (Array.isArray(val) ? '[]' : '{}') : scalar(val)}`);
    }
    return out;
  }
  return [`${indent}${scalar(v)}`];
}

/** One object as a YAML document body (no leading "---"). */
export function toYaml(obj: Yaml): string {
  return lines(obj, '').join('\n') + '\n';
}

/** A kubectl-appliable stream of objects. */
export function yamlStream(objects: readonly Yaml[]): string {
  return objects.map((o) => `---\n${toYaml(o)}`).join('');
}

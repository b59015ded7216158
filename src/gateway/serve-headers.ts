// ResponseHeaderModifier on a flat header list (name, value, …) as serve relays answers: the
// list already holds the route's CORS headers, so the modifiers act after them (answerHeaders'
// order, src/gateway/filters-apply.ts).
import type { HeaderModifier } from '../model/types.js';

export function modifyHeaderList(list: readonly string[], mods: readonly HeaderModifier[]): string[] {
  let out = [...list];
  const drop = (name: string) => {
    const n = name.toLowerCase();
    const kept: string[] = [];
    for (let i = 0; i < out.length; i += 2) if (out[i].toLowerCase() !== n) kept.push(out[i], out[i + 1]);
    out = kept;
  };
  for (const m of mods) {
    for (const h of m.set) {
      drop(h.name);
      out.push(h.name.toLowerCase(), h.value);
    }
    for (const h of m.add) {
      const n = h.name.toLowerCase();
      const values: string[] = [];
      for (let i = 0; i < out.length; i += 2) if (out[i].toLowerCase() === n) values.push(out[i + 1]);
      drop(n);
      out.push(n, [...values, h.value].join(','));
    }
    for (const name of m.remove) drop(name);
  }
  return out;
}

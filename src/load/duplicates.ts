// The same object (kind, namespace, name) defined in two places: one finding naming both,
// and only the later definition kept (what `kubectl apply -f` leaves in a cluster), so one
// mistake does not become a cascade of duplicate-route findings.
import { findingAt, type Finding } from '../findings/finding.js';
import type { Document } from './document.js';

export function dropDuplicateObjects(documents: readonly Document[]): { documents: Document[]; findings: Finding[] } {
  const last = new Map<string, Document>();
  const earlier = new Map<Document, Document[]>();
  for (const d of documents) {
    if (!d.kind || !d.name) continue;
    const key = `${d.kind}\u0000${d.namespace}\u0000${d.name}`;
    const before = last.get(key);
    if (before) {
      // every earlier definition moves to the latest one, the one before it included
      earlier.set(d, [...(earlier.get(before) ?? []), before]);
      earlier.delete(before);
    }
    last.set(key, d);
  }
  if (!earlier.size) return { documents: [...documents], findings: [] };
  const dropped = new Set([...earlier.values()].flat());
  const findings = [...earlier].map(([kept, others]) => {
    const places = others.map((o) => `${o.file}:${o.locate(['metadata', 'name']).line}`);
    return findingAt(kept, {
      ruleId: 'object-defined-twice',
      path: ['metadata', 'name'],
      message: `${kept.label} is also defined at ${places.join(', ')}; this later definition is used, as kubectl apply would leave it`,
      hint: 'Keep one definition of each object in the input (or give only one of the folders that hold it).',
    });
  });
  return { documents: documents.filter((d) => !dropped.has(d)), findings };
}

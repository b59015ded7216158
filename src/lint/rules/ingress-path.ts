import { apiError } from '../k8s/field-error.js';
import { v1Ingresses } from '../helpers.js';
import type { PathSeg } from '../../findings/finding.js';
import type { Rule } from '../types.js';

const SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const SUFFIXES = ['/..', '/.'];
/** what every sequence and suffix above starts with: most paths have none, and are not searched seven times */
const SUSPECT = /\/\/|\/\.|%2[fF]/;

/** The field an error about path `p` names (made only when there is an error: 100,000 paths). */
function pathField(p: { fieldPath: readonly PathSeg[] }): PathSeg[] {
  return [...p.fieldPath, 'path'];
}

export const rule: Rule = {
  meta: {
    id: 'ingress-path',
    severity: 'error',
    category: 'api-server',
    description: 'Exact and Prefix paths must be absolute and free of //, /./, /../, %2f and a trailing /. or /..; ImplementationSpecific paths must start with "/" when set.',
    details: 'Each problem is its own error, as the API server reports them. ImplementationSpecific paths are only required to start with "/" (an empty path is allowed); their syntax is up to the controller.',
    bad: `- path: api//v1
  pathType: Prefix`,
    good: `- path: /api/v1
  pathType: Prefix`,
    supersedes: ['invalid-path'],
  },
  check(ctx) {
    for (const ing of v1Ingresses(ctx)) {
      for (const rule of ing.rules) {
        for (const p of rule.paths) {
          const raw = p.raw;
          if (raw !== undefined && typeof raw !== 'string') continue; // a schema finding
          const value = p.path;
          if (p.pathType === 'ImplementationSpecific') {
            if (value !== '' && !value.startsWith('/')) apiError(ctx, ing.doc, pathField(p), 'Invalid value', { value, detail: 'must be an absolute path', hint: 'Start the path with "/".' });
            continue;
          }
          if (p.pathType !== 'Exact' && p.pathType !== 'Prefix') continue;
          if (!value.startsWith('/')) apiError(ctx, ing.doc, pathField(p), 'Invalid value', { value, detail: 'must be an absolute path', hint: 'Start the path with "/".', at: raw === undefined ? p.fieldPath : pathField(p) });
          if (value === '' || !SUSPECT.test(value)) continue;
          for (const s of SEQUENCES) if (value.includes(s)) apiError(ctx, ing.doc, pathField(p), 'Invalid value', { value, detail: `must not contain '${s}'` });
          for (const s of SUFFIXES) if (value.endsWith(s)) apiError(ctx, ing.doc, pathField(p), 'Invalid value', { value, detail: `cannot end with '${s}'` });
        }
      }
    }
  },
};

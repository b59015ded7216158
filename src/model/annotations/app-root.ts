import { parsePath, type AnnotationSpec } from './types.js';

export const appRoot: AnnotationSpec<string> = {
  name: 'app-root',
  description: 'A request for exactly "/" on the host is redirected (302) to this path.',
  parse(value) {
    if (value === '/') return { ok: false, message: 'must name a path other than "/" (a redirect of "/" to "/" would loop)' };
    return parsePath(value);
  },
  apply(t, v) {
    t.appRoot = v;
  },
};

import type { CorsOrigin } from '../policy.js';
import { show, type AnnotationSpec } from './types.js';

const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';
const ORIGIN = new RegExp(`^(https?)://((?:\\*\\.)?${LABEL}(?:\\.${LABEL})*)(?::(\\d{1,5}))?$`);

export const corsAllowOrigin: AnnotationSpec<'*' | CorsOrigin[]> = {
  name: 'cors-allow-origin',
  description: 'Origins allowed by CORS: "*" (default), or comma-separated http(s)://host[:port] entries, where host may start with "*." for one label. An invalid list allows no origin.',
  parse(value) {
    const parts = value.split(',').map((p) => p.trim().toLowerCase());
    if (parts.includes('*')) return { ok: true, value: '*' };
    const out: CorsOrigin[] = [];
    for (const p of parts) {
      const m = ORIGIN.exec(p);
      const port = m?.[3] === undefined ? undefined : Number(m[3]);
      if (!m || (port !== undefined && (port < 1 || port > 65535))) return { ok: false, message: `${show(p)} is not an origin such as https://example.com or https://*.example.com:8443` };
      out.push({ scheme: m[1] as 'http' | 'https', host: m[2], ...(port !== undefined ? { port } : {}) });
    }
    return { ok: true, value: out };
  },
  apply(t, v) {
    t.cors.origins = v;
  },
  invalid(t) {
    t.cors.origins = []; // never widen to "*" because of a typo
    return '; no origin is allowed until it is fixed';
  },
};

import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'yaml-ambiguity',
    severity: 'warning',
    category: 'annotations',
    description: 'An unquoted value that kubectl (YAML 1.1) reads differently from YAML 1.2: yes/no/on/off as booleans, 0755 as octal, 1_000 as 1000.',
    details: 'kubectl decodes YAML 1.1, where unquoted yes, no, on, off, y and n are booleans and a leading 0 means octal; most editors and YAML 1.2 tools read them as strings or decimal numbers. Annotation values must be strings, so an unquoted on is rejected or means something else. Quote the value.',
    bad: `nginx.ingress.kubernetes.io/ssl-redirect: on
mode: 0755`,
    good: `nginx.ingress.kubernetes.io/ssl-redirect: "true"
mode: "0755"`,
  },
  check(ctx) {
    for (const a of ctx.load.ambiguities) {
      const as = a.reading === 'boolean' ? 'a boolean' : `the number ${yaml11Number(a.text)}`;
      ctx.reportAt(a, { message: `unquoted ${a.text} is read by kubectl (YAML 1.1) as ${as}, not as the string "${a.text}"`, hint: `Quote it: "${a.text}".` });
    }
  },
};

function yaml11Number(text: string): string {
  const t = text.replace(/_/g, '');
  if (/^[-+]?0[0-7]+$/.test(t)) return String(parseInt(t, 8));
  if (t.includes(':')) return String(t.split(':').reduce((acc, p) => acc * 60 + Number(p), 0));
  return String(Number(t));
}

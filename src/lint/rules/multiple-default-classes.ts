import { DEFAULT_CLASS_ANNOTATION, defaultClasses } from '../helpers.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'multiple-default-classes',
    severity: 'warning',
    category: 'cross-object',
    description: 'More than one IngressClass is marked as the default.',
    details: 'The DefaultIngressClass admission plugin refuses to create class-less Ingresses while several classes are marked default (newer releases pick one). Keep the annotation on one class.',
    bad: `# two IngressClasses with
ingressclass.kubernetes.io/is-default-class: "true"`,
    good: `# the annotation on one IngressClass only`,
  },
  check(ctx) {
    const defaults = defaultClasses(ctx.objects).sort((a, b) => a.name.localeCompare(b.name));
    if (defaults.length < 2) return;
    for (const d of defaults.slice(1)) {
      ctx.report(d, { path: ['metadata', 'annotations', DEFAULT_CLASS_ANNOTATION], message: `IngressClass ${d.name} is marked as the default, and so is ${defaults[0].name}`, hint: 'Keep one default IngressClass.' });
    }
  },
};

// Small readers the rules share.
import { isSupportedGatewayObject } from '../gateway/kinds.js';
import type { Document } from '../load/document.js';
import { INGRESS_V1, type IngressShape } from '../model/ingress-shape.js';
import { field, type ObjectIndex } from '../model/objects.js';
import { NGINX_PREFIX } from '../model/annotations/types.js';
import type { PathSeg } from '../findings/finding.js';
import type { RuleContext } from './types.js';

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

/** Served (v1) Ingresses after --ingress-class selection. */
export function v1Ingresses(ctx: RuleContext): IngressShape[] {
  return ctx.ingresses.filter((i) => i.doc.apiVersion === INGRESS_V1);
}

export function docsOf(ctx: RuleContext, apiVersion: string, kind: string): Document[] {
  return ctx.documents.filter((d) => d.apiVersion === apiVersion && d.kind === kind);
}

export function annotationsOf(doc: Document): Record<string, unknown> {
  const a = doc.obj.metadata?.annotations;
  return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, unknown>) : {};
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether readAnnotations(doc) can find regex paths or a rewrite: only use-regex and
 * rewrite-target set them, so an Ingress with neither (most) is not read whole for it.
 */
export function mayUseRegex(doc: Document): boolean {
  const a = annotationsOf(doc);
  return Object.hasOwn(a, `${NGINX_PREFIX}use-regex`) || Object.hasOwn(a, `${NGINX_PREFIX}rewrite-target`);
}

/** The class an Ingress asks for: field first, then the legacy annotation. */
export function classOf(ing: IngressShape): string | undefined {
  return ing.className ?? ing.classFromAnnotation;
}

export function defaultClasses(objects: ObjectIndex): Document[] {
  return [...objects.ingressClasses.values()].filter((c) => field(c.obj, 'metadata', 'annotations', DEFAULT_CLASS_ANNOTATION) === 'true');
}

/**
 * Is this Ingress served by ingress-nginx? By its class's controller when the IngressClass
 * is given, else by the conventional class name "nginx"; class-less Ingresses by the default class.
 */
export function servedByIngressNginx(ing: IngressShape, objects: ObjectIndex): boolean {
  const cls = classOf(ing);
  const ic = cls !== undefined ? objects.ingressClasses.get(cls) : defaultClasses(objects)[0];
  if (ic) return field(ic.obj, 'spec', 'controller') === INGRESS_NGINX_CONTROLLER;
  return cls === 'nginx';
}

/** The objects the API-server parity rules check: served versions of the four kinds lint knows, and of the Gateway API kinds it reads. */
export function parityDocs(ctx: RuleContext): Document[] {
  const ingresses = new Set(v1Ingresses(ctx).map((i) => i.doc));
  return ctx.documents.filter(
    (d) =>
      ingresses.has(d) ||
      (d.apiVersion === 'networking.k8s.io/v1' && d.kind === 'IngressClass') ||
      (d.apiVersion === 'v1' && (d.kind === 'Service' || d.kind === 'Secret')) ||
      isSupportedGatewayObject(d),
  );
}

/** "spec.rules[0].http.paths[1]" → ['spec', 'rules', 0, 'http', 'paths', 1] (the inverse of formatFieldPath). */
export function parseFieldPath(text: string): PathSeg[] {
  const out: PathSeg[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[([^\]]*)\]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

/** The Ingress document a route or TLS origin came from. */
export function originDoc(ctx: RuleContext, origin: { namespace: string; name: string; file: string }): Document | undefined {
  return ctx.ingresses.find((i) => i.doc.namespace === origin.namespace && i.doc.name === origin.name && i.doc.file === origin.file)?.doc;
}

/** Characters that mean something in a regex path but are literal in a plain one. */
export const REGEX_SYNTAX = /[*+?()[\]{}|^$\\]|\.\*/;

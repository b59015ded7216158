// The lint engine's vocabulary: rules (metadata + check), the context a check reports
// through, and the report formatters read.
import type { Document } from '../load/document.js';
import type { LoadResult } from '../load/index.js';
import type { Finding, PathSeg, Severity } from '../findings/finding.js';
import type { IngressShape } from '../model/ingress-shape.js';
import type { ObjectIndex } from '../model/objects.js';
import type { RouteModel } from '../model/types.js';

export type Category = 'input' | 'api-server' | 'cross-object' | 'annotations' | 'paths' | 'targets';
export type Target = 'nginx' | 'haproxy' | 'envoy' | 'traefik';

export interface RuleMeta {
  /** kebab-case, the file name under src/lint/rules/ */
  id: string;
  severity: Severity;
  category: Category;
  /** one line */
  description: string;
  /** a longer explanation: why it matters and how to fix it */
  details: string;
  /** a manifest fragment the rule reports, and the fixed one */
  bad: string;
  good: string;
  /** findings with this id come from the loader or the model; the rule presents them */
  fromModel?: boolean;
  /** findings with this id come from the emitters (render, the engines of `test`); the rule documents them, lint never reports them */
  fromTarget?: boolean;
  /** model rule ids this rule's findings replace when both point at the same field of the same object */
  supersedes?: string[];
}

export interface LintOptions {
  /** expiry is judged against this time */
  now: Date;
  /** [major, minor] of the Kubernetes release whose API versions are served */
  kubernetesVersion: [number, number];
  target?: Target;
  allowSnippets: boolean;
  ingressClass?: string;
  /** the cluster's --service-node-port-range (default 30000-32767) */
  nodePortRange?: readonly [number, number];
}

export interface Report {
  /** the field to locate */
  path?: readonly PathSeg[];
  /** the field the finding names, when not the located one (a missing field is located at its parent) */
  field?: readonly PathSeg[];
  /** locate the field's key instead of its value */
  at?: 'key' | 'value';
  message: string;
  hint?: string;
}

export interface RuleContext {
  documents: readonly Document[];
  /** Ingresses of every apiVersion, after --ingress-class selection */
  ingresses: readonly IngressShape[];
  objects: ObjectIndex;
  model: RouteModel;
  load: LoadResult;
  options: LintOptions;
  /** every rule id lint knows */
  ruleIds: readonly string[];
  report(doc: Document, r: Report): void;
  /** a finding with a position but no object (e.g. a YAML scalar) */
  reportAt(where: { file: string; line: number; column: number }, r: Omit<Report, 'path' | 'at' | 'field'>): void;
}

export interface Rule {
  meta: RuleMeta;
  check?(ctx: RuleContext): void;
}

export interface LintReport {
  findings: Finding[];
  /** every file that was read (clean ones too) */
  files: string[];
  /** metadata of every rule that can report, by id */
  rules: ReadonlyMap<string, RuleMeta>;
  version: string;
  /** the model's word that --ingress-class kept none of the input's Ingresses */
  unselected?: RouteModel['unselected'];
}

export type Formatter = (report: LintReport, options: { color: boolean; cwd: string }) => string;

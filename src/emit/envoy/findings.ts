// Findings about what Envoy cannot express, located at the manifest field that asked for it.
import type { Finding, Severity } from '../../findings/finding.js';
import type { Origin } from '../../model/types.js';

import { targetFinding, type TargetRule } from '../target-findings.js';

export type { TargetRule };

export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  add(ruleId: TargetRule, severity: Severity, message: string, origin?: Origin, hint?: string): void {
    const key = `${ruleId}\0${message}\0${origin ? `${origin.file}:${origin.field}` : ''}`;
    if (this.seen.has(key)) return; // one route can reach Envoy twice (HTTP and HTTPS)
    this.seen.add(key);
    this.findings.push(targetFinding('envoy', ruleId, severity, origin, message, hint ? { hint } : {}));
  }
}

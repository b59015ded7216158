// Findings about what Traefik cannot express, located at the manifest field that asked for
// it, in the shape and with the rule ids every target uses (src/emit/target-findings.ts).
import type { Finding, Severity } from '../../findings/finding.js';
import type { Origin } from '../../model/types.js';
import { targetFinding, type TargetRule } from '../target-findings.js';

export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  add(ruleId: TargetRule, severity: Severity, message: string, origin?: Origin, hint?: string): void {
    const key = `${ruleId}\0${message}\0${origin ? `${origin.file}:${origin.field}` : ''}`;
    if (this.seen.has(key)) return; // one route reaches Traefik twice (web and websecure)
    this.seen.add(key);
    this.findings.push(targetFinding('traefik', ruleId, severity, origin, message, hint ? { hint } : {}));
  }
}

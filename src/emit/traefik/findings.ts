// Findings about what Traefik cannot express, located at the manifest field that asked for it.
import type { Finding, Severity } from '../../findings/finding.js';
import type { Origin } from '../../model/types.js';

export type TargetRule = 'target-approximate' | 'target-unsupported';

export class FindingSink {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  add(ruleId: TargetRule, severity: Severity, message: string, origin?: Origin, hint?: string): void {
    const key = `${ruleId}\0${message}\0${origin ? `${origin.file}:${origin.field}` : ''}`;
    if (this.seen.has(key)) return; // one route reaches Traefik twice (web and websecure)
    this.seen.add(key);
    this.findings.push({
      ruleId,
      severity,
      message: `traefik: ${message}`,
      ...(hint ? { hint } : {}),
      ...(origin ? { file: origin.file, line: origin.line, column: origin.column, path: origin.field, object: `${origin.kind} ${origin.namespace}/${origin.name}` } : {}),
    });
  }
}

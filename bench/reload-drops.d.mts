// Types of bench/reload-drops.mjs for the tests that import it.
export interface ReloadRun {
  engine: string;
  rewrites: number;
  /** requests the keep-alive clients sent */
  requests: number;
  /** connection errors, 5xx or another status than 200, after the one retry of a reset on a reused connection */
  failed: number;
  failures: string[];
  /** first attempts reset on a reused keep-alive connection (each sent again once) */
  resetsOnReusedConnections: number;
  /** per rewrite: ms from the write to the new route answering */
  liveMs: number[];
  /** the broken edit was refused (undefined: the run had none) */
  brokenRefused?: boolean;
}

export function reloadUnderLoad(o: { engine: 'builtin' | 'nginx' | 'haproxy'; rewrites: number; clients?: number; fresh?: boolean; log?: (s: string) => void }): Promise<ReloadRun>;

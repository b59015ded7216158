// Hot reload: watch the given files and folders, debounce, rebuild the whole model, and
// swap it in only when the input is usable. A broken edit keeps the last good config.
import { watch, statSync, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve as resolvePath } from 'node:path';
import type { Finding } from '../findings/finding.js';
import type { RouteModel } from '../model/types.js';

export interface Built {
  model: RouteModel;
  findings: Finding[];
  /** the input could not be read or parsed */
  unusable: boolean;
}

export interface ReloadHandlers {
  /** builds the whole model from the inputs again (may throw for unreadable paths) */
  build(): Built;
  /** installs a model that passed */
  apply(model: RouteModel, findings: Finding[]): void;
  /** a broken edit: the findings (or the error) that kept the last good config */
  reject(findings: Finding[], error?: Error): void;
}

const MANIFEST = /\.(ya?ml|json)$/i;

/** Input that must not replace a working config: unreadable or unparsable files, schema errors. */
export function brokenFindings(built: Built): Finding[] {
  const errors = built.findings.filter((f) => f.severity === 'error');
  return built.unusable ? errors : errors.filter((f) => f.ruleId === 'schema');
}

/** One rebuild: applied when usable, else rejected. Returns whether it was applied. */
export function reloadOnce(h: ReloadHandlers): boolean {
  let built: Built;
  try {
    built = h.build();
  } catch (err) {
    h.reject([], err as Error);
    return false;
  }
  const broken = brokenFindings(built);
  if (broken.length) {
    h.reject(broken);
    return false;
  }
  h.apply(built.model, built.findings);
  return true;
}

export interface Watcher {
  close(): void;
}

/**
 * Watches `paths` (folders recursively; a file through its folder, so editors that save by
 * rename are seen) and reloads once changes have been quiet for `debounceMs`.
 */
export function watchInputs(paths: readonly string[], h: ReloadHandlers, debounceMs = 100): Watcher {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reloadOnce(h);
    }, debounceMs);
  };
  const watchers: FSWatcher[] = [];
  const byDir = new Map<string, Set<string> | 'all'>();
  for (const p of paths) {
    if (p === '-') continue;
    const full = resolvePath(p);
    let isDir = false;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      continue;
    }
    if (isDir) byDir.set(full, 'all');
    else {
      const dir = dirname(full);
      const names = byDir.get(dir);
      if (names !== 'all') byDir.set(dir, (names ?? new Set()).add(basename(full)));
    }
  }
  for (const [dir, names] of byDir) {
    const w = watch(dir, { recursive: names === 'all', persistent: false }, (_event, name) => {
      const file = name ? basename(name.toString()) : undefined;
      if (names === 'all' ? !file || MANIFEST.test(file) : !file || names.has(file)) schedule();
    });
    w.on('error', () => w.close());
    watchers.push(w);
  }
  return {
    close() {
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

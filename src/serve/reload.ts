// Hot reload: watch the given files and folders, debounce, rebuild the whole model, and
// swap it in only when the input is usable. A broken edit keeps the last good config.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve as resolvePath, sep } from 'node:path';
import { skippedFolder } from '../load/files.js';
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

export interface WatchOptions {
  debounceMs?: number;
  /** watch dot-folders and node_modules too (as --include-hidden reads them) */
  includeHidden?: boolean;
  /** how long a changed file that is empty is given to be written before it is read as empty */
  settleMs?: number;
}

/**
 * A changed file that is empty when the debounce ends is, far more often than not, being
 * written: an editor or `cmd > file` truncates first and writes after, and on a busy machine
 * the two can be more than the debounce apart. Read then, it is a valid empty input, and its
 * routes would be gone, the "last good configuration" a later broken edit keeps. It is given
 * this long to be written; a file emptied on purpose is read as empty after that.
 */
const SETTLE_MS = 1000;

/**
 * Watches `paths` and reloads once changes have been quiet for the debounce.
 *
 * Every folder is watched on its own, never with `recursive: true`: Node 20's recursive
 * watch on Linux watches files by inode and loses one for good when an editor saves by
 * writing a new file and renaming it over the old one. A folder's own watch sees every
 * create, rename and delete inside it. After each change the folder tree is walked again:
 * new subfolders get a watch, removed ones lose theirs, and a folder that was replaced
 * (another inode under the same path) is watched again. A file given by name is watched
 * through its folder, so a rename over it is seen too.
 */
export function watchInputs(paths: readonly string[], h: ReloadHandlers, options: WatchOptions | number = {}): Watcher {
  const opts = typeof options === 'number' ? { debounceMs: options } : options;
  const debounceMs = opts.debounceMs ?? 100;
  const settleMs = opts.settleMs ?? SETTLE_MS;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // the manifest files changed since the last rebuild, and when one was first seen empty
  const changed = new Set<string>();
  let emptySince: number | undefined;
  // folders given as input (walked) and, for files given by name, their folder and names
  const trees = new Set<string>();
  const named = new Map<string, Set<string>>();
  for (const p of paths) {
    if (p === '-') continue;
    const full = resolvePath(p);
    try {
      if (statSync(full).isDirectory()) {
        trees.add(full);
        continue;
      }
    } catch {
      continue;
    }
    const dir = dirname(full);
    named.set(dir, (named.get(dir) ?? new Set()).add(basename(full)));
  }
  const watched = new Map<string, { watcher: FSWatcher; ino: number }>();

  const fire = () => {
    timer = undefined;
    if (closed) return;
    if ([...changed].some(isEmptyFile)) {
      emptySince ??= Date.now();
      if (Date.now() - emptySince < settleMs) {
        timer = setTimeout(fire, debounceMs);
        return;
      }
    }
    changed.clear();
    emptySince = undefined;
    sync();
    reloadOnce(h);
  };
  const schedule = (file?: string) => {
    if (file) changed.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  };

  const onEvent = (dir: string) => (_event: string, name: string | Buffer | null) => {
    const file = name ? name.toString() : undefined;
    if (!file) return schedule();
    const full = join(dir, file);
    if (named.get(dir)?.has(file)) return schedule(full);
    const inTree = [...trees].some((t) => dir === t || dir.startsWith(t + sep));
    // in a walked tree: a manifest, or a folder that appeared or went away (it may hold manifests)
    if (inTree && MANIFEST.test(file)) schedule(full);
    else if (inTree && (watched.has(full) || isFolder(full))) schedule();
  };

  /** Watches exactly the folders the inputs name now (re-armed when a folder was replaced). */
  const sync = () => {
    const want = new Map<string, number>();
    for (const t of trees) collectFolders(t, want, !!opts.includeHidden);
    for (const dir of named.keys()) {
      const ino = inode(dir);
      if (ino !== undefined) want.set(dir, ino);
    }
    for (const [dir, w] of watched) {
      if (want.get(dir) !== w.ino) {
        w.watcher.close();
        watched.delete(dir);
      }
    }
    for (const [dir, ino] of want) {
      if (watched.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false }, onEvent(dir));
        watcher.on('error', () => {
          watcher.close();
          if (watched.get(dir)?.watcher === watcher) watched.delete(dir);
          schedule();
        });
        watched.set(dir, { watcher, ino });
      } catch {
        // vanished between the walk and the watch: the next change walks again
      }
    }
  };
  sync();
  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watched.values()) w.watcher.close();
      watched.clear();
    },
  };
}

function inode(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isDirectory() ? st.ino : undefined;
  } catch {
    return undefined;
  }
}

/** A file that exists and holds nothing (a missing file is not: deleting is an edit of its own). */
function isEmptyFile(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && st.size === 0;
  } catch {
    return false;
  }
}

function isFolder(path: string): boolean {
  return inode(path) !== undefined;
}

/** The folder and every folder below it (real folders only, each once), with their inodes. */
function collectFolders(dir: string, out: Map<string, number>, includeHidden: boolean): void {
  const ino = inode(dir);
  if (ino === undefined || out.has(dir)) return;
  out.set(dir, ino);
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!(e.isDirectory() || e.isSymbolicLink()) || (!includeHidden && skippedFolder(e.name))) continue;
    collectFolders(join(dir, e.name), out, includeHidden);
  }
}

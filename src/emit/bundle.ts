// Writing a rendered bundle to DIR, atomically: everything is written into a fresh folder
// beside DIR, then renamed into place, so DIR is either absent, the old bundle or the
// complete new one; a failure removes the temporary folder and leaves DIR as it was.
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fsErrorCode, fsErrorText, isUserFsError } from '../util/fs-error.js';
import { writeNewFile } from './chunks.js';
import type { EmittedFile } from './types.js';

export class BundleError extends Error {}

/** Folders are 0755 so that nginx workers, which run as an unprivileged user when nginx starts as root, can use them. */
const DIR_MODE = 0o755;
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export interface WriteOptions {
  /** replace an existing DIR */
  force?: boolean;
  /** names in an existing DIR carried over into the new bundle (a running proxy's pid file, logs, temp folders) */
  keep?: readonly string[];
  /** paths that force must never delete: DIR is refused when it is one of them or holds one (the working directory, the input manifests) */
  protect?: readonly { path: string; name: string }[];
}

/** What was left behind once the new bundle is in place: the old one, when it could not be removed. */
export interface WriteResult {
  oldLeftAt?: string;
  /** why it could not be removed, in words */
  reason?: string;
}

export function writeBundle(dir: string, files: readonly EmittedFile[], options: WriteOptions = {}): WriteResult {
  const target = resolve(dir);
  for (const f of files) {
    if (!f.path.split('/').every((s) => SAFE_SEGMENT.test(s))) throw new Error(`internal: unsafe bundle path ${JSON.stringify(f.path)}`);
  }
  if (dir === '') throw new BundleError('the output folder is an empty name; give a folder for the bundle');
  const exists = existsSync(target);
  if (exists && !lstatSync(target).isDirectory()) throw new BundleError(`${dir} exists and is not a folder; it is left alone`);
  if (exists && !options.force) throw new BundleError(`${dir} already exists; use --force to replace it`);
  if (exists) {
    const real = realpathSync(target);
    const held = (options.protect ?? []).find((p) => isWithin(realPathOf(p.path), real));
    if (held) throw new BundleError(`${dir} holds ${held.name}, which --force would delete with the old folder; write the bundle to a folder of its own`);
  }
  const parent = dirname(target);
  let tmp: string;
  try {
    mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(join(parent, `.${basename(target)}.tmp-`));
  } catch (err) {
    // mkdir -p meets a file where a folder should be as EEXIST
    throw cannotWrite(dir, fsErrorCode(err) === 'EEXIST' ? { code: 'ENOTDIR' } : err);
  }
  let old: string | undefined;
  try {
    chmodSync(tmp, DIR_MODE);
    for (const f of files) {
      const path = join(tmp, ...f.path.split('/'));
      mkdirSync(dirname(path), { recursive: true, mode: DIR_MODE });
      chmodSync(dirname(path), DIR_MODE); // mkdir's mode is reduced by the umask
      // the mode is given at creation, so a key is never readable by others, not even briefly
      writeNewFile(path, f, f.mode ?? 0o644); // streamed: a large configuration is never one string
      chmodSync(path, f.mode ?? 0o644);
    }
    if (exists) {
      // a running proxy's own files move into the new bundle (same inodes: open logs stay open)
      const kept = (options.keep ?? []).filter((name) => !files.some((f) => f.path.split('/')[0] === name) && existsSync(join(target, name)));
      for (const name of kept) renameSync(join(target, name), join(tmp, name));
      // no portable exchange-rename for folders: move the old one aside, move the new one in, restore on failure
      old = `${tmp}.old`;
      try {
        renameSync(target, old);
        try {
          renameSync(tmp, target);
        } catch (err) {
          renameSync(old, target);
          throw err;
        }
      } catch (err) {
        old = undefined;
        for (const name of kept) renameSync(join(tmp, name), join(target, name));
        throw err;
      }
    } else renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    if (err instanceof Error && 'code' in err && (err.code === 'ENOTEMPTY' || err.code === 'EEXIST')) throw new BundleError(`${dir} appeared while writing; it is left alone`);
    throw cannotWrite(dir, err);
  }
  if (!old) return {};
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (err) {
    // the new bundle is in place: an old one that cannot be deleted (a read-only folder in it) is left, and said
    if (!isUserFsError(err)) throw err;
    return { oldLeftAt: old, reason: fsErrorText(err) };
  }
  return {};
}

/** Whether `path` is `folder` or inside it. */
function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/** The real path of what exists of `path` (a symlinked folder is where it points). */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A BundleError (a usage error) for what the user's path or machine refused (permissions, a full disk); anything else as it was. */
function cannotWrite(dir: string, err: unknown): unknown {
  return isUserFsError(err) ? new BundleError(`cannot write ${dir}: ${fsErrorText(err)}; nothing was written`) : err;
}

/** The first folder above `dir` that other users cannot pass through (nginx workers started by root run as one), if any. */
export function closedAncestor(dir: string): string | undefined {
  for (let p = dirname(resolve(dir)); ; p = dirname(p)) {
    if ((statSync(p).mode & 0o001) === 0) return p;
    if (dirname(p) === p) return undefined;
  }
}

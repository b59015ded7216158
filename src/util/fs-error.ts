// A file-system error as a user reads it: words, not the errno code.

const WORDS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
};

/** The errno code of a Node file-system error, if it has one. */
export function fsErrorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What went wrong, in words ("permission denied"); "system error CODE" when it has no words here. */
export function fsErrorText(err: unknown): string {
  const code = fsErrorCode(err);
  if (code === undefined) return String(err);
  return WORDS[code] ?? `system error ${code}`;
}

/** Whether the error is about the user's path or machine (permissions, a file in the way, a full disk), not a bug. */
export function isUserFsError(err: unknown): boolean {
  const code = fsErrorCode(err);
  return code !== undefined && Object.hasOwn(WORDS, code);
}

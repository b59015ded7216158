/** Documented exit codes. */
export const EXIT = {
  OK: 0,
  /** findings at error level */
  FINDINGS: 1,
  /** usage error or unreadable/unparseable input */
  USAGE: 2,
} as const;

/** Thrown to stop a command with a message and an exit code (caught in run.ts). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

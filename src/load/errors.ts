/** An error the user caused (bad path, bad flag value): printed without a stack trace, exit 2. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** file:line:col: message */
  describe(): string {
    const where = [this.file, this.line, this.column].filter((x) => x !== undefined).join(':');
    return where ? `${where}: ${this.message}` : this.message;
  }
}

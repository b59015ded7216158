// Text produced piece by piece, handed on in batches of about 64 KB: few writes, no giant string.

/** Writes a text piece by piece through `write`. */
export type TextProducer = (write: (text: string) => void) => void;

const BATCH = 1 << 16;

export function writeBatched(produce: TextProducer, write: (text: string) => void): void {
  let buf = '';
  produce((text) => {
    buf += text;
    if (buf.length >= BATCH) {
      write(buf);
      buf = '';
    }
  });
  if (buf) write(buf);
}

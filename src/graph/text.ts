// Text measured without a font: the SVG is drawn in a monospace font, so a line is as
// wide as its characters (East Asian wide characters and emoji count twice). The same
// input always gives the same sizes, on any machine.
export const FONT_SIZE = 12;
/** advance of one character in DejaVu Sans Mono, Menlo and Consolas: 0.6 em */
export const CHAR_WIDTH = FONT_SIZE * 0.6;
export const LINE_HEIGHT = 16;
export const FONT_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";

function wide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** combining marks take no room */
const combining = (cp: number) => (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f;

export function textWidth(s: string): number {
  let cells = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    cells += combining(cp) ? 0 : wide(cp) ? 2 : 1;
  }
  return cells * CHAR_WIDTH;
}

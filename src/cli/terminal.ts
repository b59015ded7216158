// Text bound for a terminal. Manifest text can hold control characters: escape sequences
// clear the screen, set the window title or move the cursor, and a carriage return
// overwrites what was printed (kubectl's CVE-2021-25743). Each is shown as \xHH, so what
// is printed is what the manifest holds; line breaks and tabs of the output stay.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

const shown = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** A whole text without colours (describe). */
export function terminalText(s: string): string {
  return s.replace(CONTROL, shown);
}

/** A table cell: ingressctl's own colour codes (SGR) stay; every other control character, tabs and line breaks included, is shown. */
export function terminalCell(s: string): string {
  return s.replace(/(\x1b\[[0-9;]*m)|[\x00-\x1f\x7f-\x9f]/g, (m, sgr: string | undefined) => sgr ?? shown(m));
}

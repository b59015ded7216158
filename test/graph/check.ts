// graph on one input, every output format: no crash, and valid Mermaid (Mermaid's own
// parser), DOT (dotparser) and SVG (XML, self-contained). Failures are collected as text.
import { cli } from '../helpers.js';
import { checkSvg, parseDot, parseMermaid } from './validate.js';

export async function checkGraph(path: string, label: string, failures: string[]): Promise<void> {
  for (const output of ['mermaid', 'dot', 'svg']) {
    const r = await cli(['graph', path, '-o', output]);
    if (r.code > 2 || /internal error|\n\s+at /.test(r.stderr)) failures.push(`${label} -o ${output}: exit ${r.code}: ${r.stderr.slice(0, 300)}`);
    else if (r.code === 2) {
      if (!/:\d+:\d+: error|error:|ingressctl: /.test(r.stderr)) failures.push(`${label}: exit 2 without a message`);
      return;
    } else {
      try {
        if (output === 'mermaid') await parseMermaid(r.stdout);
        else if (output === 'dot') parseDot(r.stdout);
        else checkSvg(r.stdout);
      } catch (err) {
        failures.push(`${label} -o ${output}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
  }
}

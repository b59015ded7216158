// `nginx -t` accepts the render of every fixture folder.
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ROOT } from '../helpers.js';
import { nginxCheck, nginxTest, removeScratch, scratch } from './nginx-engine.js';

const test = nginxTest();
const folders = readdirSync(join(ROOT, 'fixtures'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

for (const name of folders) {
  test(`nginx -t accepts the render of fixtures/${name}`, async () => {
    const dir = scratch();
    try {
      const r = await cli(['render', `fixtures/${name}`, '-o', join(dir, 'bundle')]);
      if (r.code === 2) return console.log(`fixtures/${name}: input unusable on purpose, nothing rendered`);
      const check = nginxCheck(join(dir, 'bundle'));
      assert.ok(check.ok, `${check.output}\nrender exited ${r.code}: ${r.stderr}`);
      assert.not.match(check.output, /\[warn\]|\[emerg\]/);
    } finally {
      removeScratch(dir);
    }
  });
}

test.run();

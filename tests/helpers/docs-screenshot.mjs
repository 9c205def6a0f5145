// Retake docs/screenshot.png (the README's picture): the landing page at 1280×800.
// Run after scripts/build:  node tests/helpers/docs-screenshot.mjs
import path from 'node:path';
import { openPage, assertClean, closeAll, ROOT } from './browser.mjs';

try {
  const { page, issues } = await openPage('/', { width: 1280, height: 800 });
  await page.waitForSelector('a.demo-card');
  const file = path.join(ROOT, 'docs', 'screenshot.png');
  await page.screenshot({ path: file });
  assertClean(issues, 'landing');
  console.log(`wrote ${path.relative(ROOT, file)}`);
} finally {
  await closeAll();
}

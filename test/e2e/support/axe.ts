import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PopupPage } from './popup-page';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One failed axe rule on one page state. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  /** CSS selectors of the failing elements. */
  targets: string[];
}

/**
 * Runs axe-core over the whole page as it is drawn now and returns its violations. The script
 * goes in through the automation protocol, which the extension page's CSP does not govern.
 */
export async function axeViolations(page: PopupPage): Promise<AxeViolation[]> {
  await page.evaluate(`typeof axe === 'object' || (() => { ${AXE_SOURCE}; return true; })()`);
  return page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((node) => node.target.join(' ')),
    })))`);
}

import type { Page } from 'playwright-core';

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] };

/**
 * Runs axe-core in the page and fails on any serious or critical violation (listing them).
 * Minor and moderate findings are printed but do not fail the run.
 */
export async function expectNoSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx?: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const others = violations.filter((v) => !serious.includes(v));
  if (others.length) console.info(`[axe] ${label}: ${others.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`).join(', ')}`);
  if (serious.length) {
    console.error(`[axe] ${label}: serious/critical violations\n${JSON.stringify(serious, null, 2)}`);
  }
  expect(serious).toEqual([]);
}

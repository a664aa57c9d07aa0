import { randomUUID } from 'node:crypto';
import type { TBudgetAllocation, TStrategyContent } from '@hamandishi/contracts';

/** The sizes Ahvaz reports for its plan. */
export const AHVAZ_SIZE = { goals: 4, outputs: 31, indicators: 84, portfolios: 50, projects: 160, actions: 120 };

/**
 * A plan structure of the given size (Ahvaz's by default), spread evenly over the levels, with
 * yearly targets and budget lines for each year of `years`, districts and committees from `refs`.
 * Amounts are large enough to overflow a double's exact integers when summed (a real city's budget).
 */
export function generateStructure(
  years: { from: number; to: number },
  refs: { districtIds: string[]; committeeIds: string[] },
  size = AHVAZ_SIZE,
): TStrategyContent {
  const range = Array.from({ length: years.to - years.from + 1 }, (_, i) => years.from + i);
  const goals = Array.from({ length: size.goals }, (_, i) => ({
    id: randomUUID(),
    code: `G${i + 1}`,
    title: `مقصد راهبردی ${i + 1}: شهر زیست‌پذیر`,
    description: 'شرح مقصد',
    position: i,
    archived: false,
  }));
  const outputs = Array.from({ length: size.outputs }, (_, i) => ({
    id: randomUUID(),
    goalId: goals[i % goals.length].id,
    code: `O${i + 1}`,
    title: `خروجی مؤثر ${i + 1}`,
    description: null,
    position: Math.floor(i / goals.length),
    archived: false,
  }));
  const indicators = Array.from({ length: size.indicators }, (_, i) => ({
    id: randomUUID(),
    outputId: outputs[i % outputs.length].id,
    code: `I${i + 1}`,
    title: `شاخص ${i + 1}: سرانه فضای سبز`,
    unit: 'مترمربع',
    direction: (['increase', 'decrease', 'maintain'] as const)[i % 3],
    formula: i % 2 ? 'green_area / population' : '(served / total) × 100',
    variables:
      i % 2
        ? [
            { name: 'green_area', label: 'مساحت فضای سبز', unit: 'مترمربع' },
            { name: 'population', label: 'جمعیت', unit: 'نفر' },
          ]
        : [
            { name: 'served', label: 'خانوار برخوردار', unit: null },
            { name: 'total', label: 'کل خانوار', unit: null },
          ],
    dataSource: 'سالنامه آماری',
    responsibleUnit: 'معاونت برنامه‌ریزی',
    baselineYear: years.from - 1,
    baselineValue: 10 + i / 4,
    targets: range.map((year, k) => ({ year, value: 10 + i / 4 + k })),
    position: Math.floor(i / outputs.length),
    archived: false,
  }));
  const portfolios = Array.from({ length: size.portfolios }, (_, i) => ({
    id: randomUUID(),
    code: `F${i + 1}`,
    title: `سبد پروژه ${i + 1}`,
    description: null,
    position: i,
    archived: false,
  }));
  const projects = Array.from({ length: size.projects }, (_, i) => ({
    id: randomUUID(),
    outputId: outputs[i % outputs.length].id,
    portfolioId: portfolios[i % portfolios.length].id,
    committeeId: refs.committeeIds.length ? refs.committeeIds[i % refs.committeeIds.length] : null,
    code: `P${String(i + 1).padStart(3, '0')}`,
    title: `پروژه ${i + 1}: احداث بوستان محله‌ای`,
    description: i % 5 === 0 ? '=HYPERLINK("http://example.com")' : 'شرح پروژه',
    responsibleUnit: 'سازمان پارک‌ها',
    districtIds: refs.districtIds.length ? [...new Set([refs.districtIds[i % refs.districtIds.length], refs.districtIds[(i * 7) % refs.districtIds.length]])].sort() : [],
    location: i % 4 === 0 ? null : { lat: 31.3 + (i % 10) / 100, lng: 48.67 + (i % 7) / 100 },
    startsOn: '2026-03-21',
    endsOn: '2030-03-20',
    totalCost: String(1_000_000_000_000_000n + BigInt(i) * 7_777_777n),
    fundingSources: i % 3 ? ['درآمد عمومی', 'اوراق مشارکت'] : ['کمک دولت'],
    status: (['planned', 'in_progress', 'completed'] as const)[i % 3],
    progress: (i * 13) % 101,
    position: Math.floor(i / outputs.length),
    archived: false,
  }));
  const actions = Array.from({ length: size.actions }, (_, i) => ({
    id: randomUUID(),
    projectId: projects[i % projects.length].id,
    code: `A${i + 1}`,
    title: `اقدام ${i + 1}`,
    responsibleUnit: null,
    startsOn: null,
    endsOn: null,
    status: 'planned' as const,
    progress: 0,
    position: Math.floor(i / projects.length),
    archived: false,
  }));
  const budget: TBudgetAllocation[] = projects.flatMap((p, i) =>
    range.map((year, k) => ({
      id: randomUUID(),
      projectId: p.id,
      portfolioId: null,
      year,
      fundingSource: p.fundingSources[k % p.fundingSources.length],
      amount: String(123_456_789_012_345n + BigInt(i * 1000 + k)),
    })),
  );
  budget.push(
    ...portfolios.slice(0, 10).map((f, i) => ({ id: randomUUID(), projectId: null, portfolioId: f.id, year: years.from, fundingSource: '', amount: String(5_000_000 + i) })),
  );
  return {
    statement: { vision: 'اهواز، شهری زیست‌پذیر و پایدار', mission: 'خدمت‌رسانی شفاف', values: ['شفافیت', 'مشارکت', 'عدالت'] },
    focusPoints: [{ id: randomUUID(), code: 'FP1', title: 'آب‌گرفتگی معابر', description: null, demandGroupId: null, position: 0, archived: false }],
    goals,
    outputs,
    indicators,
    portfolios,
    projects,
    actions,
    budget,
  };
}

import type { TBudgetSlice, TBudgetView, TStrategyContent } from '@hamandishi/contracts';

type Named = { id: string; code: string | null; label: string | null };

/**
 * The annual budget of one Jalali year, sliced by goal, committee, district, funding source and
 * portfolio. Amounts are BigInt (integer rials), so every slice list sums exactly to the total: a
 * project serving several districts has its amount split evenly, the remainder rial by rial to the
 * first districts; what a slice cannot name (a portfolio's own allocation has no goal, a city-wide
 * project no district) goes under the null key.
 */
export function budgetView(
  content: TStrategyContent,
  year: number,
  names: { committees: Named[]; districts: Named[] },
): TBudgetView {
  const projects = new Map(content.projects.map((p) => [p.id, p]));
  const outputs = new Map(content.outputs.map((o) => [o.id, o]));
  const goals = new Map(content.goals.map((g) => [g.id, { id: g.id, code: g.code, label: g.title }]));
  const portfolios = new Map(content.portfolios.map((p) => [p.id, { id: p.id, code: p.code, label: p.title }]));
  const committees = new Map(names.committees.map((c) => [c.id, c]));
  const districts = new Map(names.districts.map((d) => [d.id, d]));
  const slices = {
    byGoal: new Map<string | null, bigint>(),
    byCommittee: new Map<string | null, bigint>(),
    byDistrict: new Map<string | null, bigint>(),
    byFundingSource: new Map<string | null, bigint>(),
    byPortfolio: new Map<string | null, bigint>(),
  };
  const add = (map: Map<string | null, bigint>, key: string | null, amount: bigint) => map.set(key, (map.get(key) ?? 0n) + amount);
  let total = 0n;
  for (const line of content.budget) {
    if (line.year !== year) continue;
    const amount = BigInt(line.amount);
    total += amount;
    const project = line.projectId ? projects.get(line.projectId) : undefined;
    const goalId = project ? (outputs.get(project.outputId)?.goalId ?? null) : null;
    add(slices.byGoal, goalId, amount);
    add(slices.byCommittee, project?.committeeId ?? null, amount);
    add(slices.byFundingSource, line.fundingSource || null, amount);
    add(slices.byPortfolio, project ? project.portfolioId : line.portfolioId, amount);
    const served = project?.districtIds ?? [];
    if (served.length === 0) add(slices.byDistrict, null, amount);
    else {
      const count = BigInt(served.length);
      const share = amount / count;
      let remainder = amount - share * count;
      for (const d of served) {
        add(slices.byDistrict, d, share + (remainder > 0n ? 1n : 0n));
        if (remainder > 0n) remainder -= 1n;
      }
    }
  }
  const list = (map: Map<string | null, bigint>, lookup: (key: string) => Named | undefined): TBudgetSlice[] =>
    [...map.entries()]
      .sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))
      .map(([key, amount]) => {
        const named = key === null ? undefined : lookup(key);
        return { key, code: named?.code ?? null, label: named?.label ?? (key === null ? null : key), amount: amount.toString() };
      });
  return {
    year,
    total: total.toString(),
    byGoal: list(slices.byGoal, (k) => goals.get(k)),
    byCommittee: list(slices.byCommittee, (k) => committees.get(k)),
    byDistrict: list(slices.byDistrict, (k) => districts.get(k)),
    byFundingSource: list(slices.byFundingSource, (k) => ({ id: k, code: null, label: k })),
    byPortfolio: list(slices.byPortfolio, (k) => portfolios.get(k)),
  };
}

// fixture-options: offload=lib/report.mjs:buildReport express=5
/**
 * @param {{ region: string, amount: number }[]} sales
 * @returns {{ region: string, total: number, share: number }[]}
 */
export function buildReport(sales) {
  const totals = new Map();
  for (const s of sales) totals.set(s.region, (totals.get(s.region) ?? 0) + s.amount);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals].map(([region, total]) => ({ region, total, share: total / all }));
}

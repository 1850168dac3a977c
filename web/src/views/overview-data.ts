import { toNano } from '../decimal';

/** Adds a grouped series' per-period points into one total per key, exactly (BigInt nano-units). */
export function totalsBy<P>(points: P[], key: (p: P) => string | null, net: (p: P) => string, units: (p: P) => number) {
  const out = new Map<string, { net: bigint; units: number }>();
  for (const p of points) {
    const k = key(p);
    if (k === null) continue;
    const cur = out.get(k) ?? { net: 0n, units: 0 };
    out.set(k, { net: cur.net + toNano(net(p)), units: cur.units + units(p) });
  }
  return [...out.entries()].sort((a, b) => (b[1].net > a[1].net ? 1 : b[1].net < a[1].net ? -1 : a[0].localeCompare(b[0])));
}

/** Periods in order, and per series the value at each (0 where absent). */
export function pivot<P>(points: P[], period: (p: P) => string, series: (p: P) => string, value: (p: P) => number) {
  const periods = [...new Set(points.map(period))].sort();
  const names = [...new Set(points.map(series))].sort();
  const cells = new Map<string, number>();
  for (const p of points) {
    const k = `${series(p)}|${period(p)}`;
    cells.set(k, (cells.get(k) ?? 0) + value(p));
  }
  return { periods, names, value: (name: string, per: string) => cells.get(`${name}|${per}`) ?? 0 };
}

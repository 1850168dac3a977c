/** `1234567` → `"1,234,567"`: how the portals (and the demo's own output) print counts. */
export const withSeparators = (n: number | bigint | string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

import { engagementRate } from '../../../src/ingest/tiktok/engagement';

describe('engagement rate', () => {
  it('is (likes + comments + shares) / views with 6 decimals, rounded half up, 0 without views', () => {
    expect(engagementRate(10, 5, 5, 200)).toBe('0.100000');
    expect(engagementRate(1, 0, 0, 3)).toBe('0.333333');
    expect(engagementRate(2, 0, 0, 3)).toBe('0.666667');
    // 1/8 000 000 = 0.000000125 → 0.000000; 1/2 000 000 = 0.0000005 → 0.000001 (half up).
    expect(engagementRate(1, 0, 0, 8_000_000)).toBe('0.000000');
    expect(engagementRate(1, 0, 0, 2_000_000)).toBe('0.000001');
    expect(engagementRate(30, 10, 10, 20)).toBe('2.500000');
    expect(engagementRate(0, 0, 0, 0)).toBe('0.000000');
    expect(engagementRate(4, 1, 1, 0)).toBe('0.000000');
  });
});

import { unzipSync } from 'fflate';
import { followerSnapshotSample, overviewSample, yearlessLabel } from '../../../demo/sample-exports/tiktok';

describe('TikTok sample exports', () => {
  const opts = { seed: 3, startDate: '2024-11-15', handle: 'zone.a0', exportedAt: 1736937600, missingRate: 0.05 };

  it('is deterministic to the byte', () => {
    expect(Buffer.from(overviewSample(opts).zip).equals(Buffer.from(overviewSample(opts).zip))).toBe(true);
    expect(followerSnapshotSample({ seed: 1, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [1, 2] })).toEqual(
      followerSnapshotSample({ seed: 1, handle: 'zone.a0', artist: 'ZONE A0', timestamps: [1, 2] }),
    );
  });

  it('reproduces the quirks of the real download', () => {
    const s = overviewSample(opts);
    expect(s.fileName).toBe('Overview_2024-11-15_1736937600_zone.a0.zip');
    const entries = unzipSync(s.zip);
    expect(Object.keys(entries)).toEqual(['Overview.csv']);
    const bytes = entries['Overview.csv'];
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv).toBe(s.csv);
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('"Date","Video Views","Profile Views","Likes","Comments","Shares"');
    expect(lines).toHaveLength(367);
    expect(lines[1].startsWith('"Nov 15",')).toBe(true);
    expect(lines.some((l) => l.startsWith('"Jan 1",'))).toBe(true);
    expect(csv).toMatch(/"\d{1,3},\d{3}"/);
    expect(csv).toContain('"NaN"');
    expect(csv).toContain('""');
    expect(s.days.some((d) => d.videoViews === 0)).toBe(true);
    expect(s.days[0].date).toBe('2024-11-15');
    expect(s.days[364].date).toBe('2025-11-14');
    expect(yearlessLabel('2025-01-01')).toBe('Jan 1');
  });
});

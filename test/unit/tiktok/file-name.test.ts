import { followersNameHandle, parseOverviewName } from '../../../src/ingest/tiktok/file-name';

describe('TikTok file names', () => {
  it('reads start date, export time and handle from an overview download name', () => {
    expect(parseOverviewName('Overview_2024-11-15_1736937600_zone.a0.zip')).toEqual({
      startDate: '2024-11-15',
      exportedAt: new Date('2025-01-15T10:40:00Z'),
      handle: 'zone.a0',
    });
    expect(parseOverviewName('Overview_2024-05-28_1748430000000_Pig1987 (1).zip')).toEqual({
      startDate: '2024-05-28',
      exportedAt: new Date(1748430000000),
      handle: 'pig1987',
    });
    expect(parseOverviewName('Overview_2024-05-28_zone_a0.zip')).toEqual({ startDate: '2024-05-28', exportedAt: null, handle: 'zone_a0' });
    expect(parseOverviewName('Overview_2024-05-28_1748430000.zip')).toEqual({
      startDate: '2024-05-28',
      exportedAt: new Date(1748430000 * 1000),
      handle: null,
    });
  });

  it('gives no start date when there is none or it is not a calendar day', () => {
    expect(parseOverviewName('Overview_1736937600_zone.a0.zip').startDate).toBeNull();
    expect(parseOverviewName('Overview_2024-02-30_1736937600_zone.a0.zip').startDate).toBeNull();
    expect(parseOverviewName('tiktok export.zip')).toEqual({ startDate: null, exportedAt: null, handle: null });
  });

  it('reads the handle of a follower snapshot name with either timestamp form', () => {
    expect(followersNameHandle('tiktok_followers_zone.a0_1736937600.json')).toBe('zone.a0');
    expect(followersNameHandle('tiktok_followers_zone_a0_20250115_104000.json')).toBe('zone_a0');
    expect(followersNameHandle('tiktok_followers_pig1987.json')).toBe('pig1987');
    expect(followersNameHandle('followers.json')).toBeNull();
  });
});

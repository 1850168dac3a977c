import {
  looksLikeFollowerSnapshot,
  parseFollowerCount,
  parseFollowersJson,
  parseTimestamp,
} from '../../../src/ingest/tiktok/followers.parser';
import { reasonOf } from './helpers';

const FILE = 'landing/tiktok/followers/tiktok_followers_zone.a0_1736937600.json';
const snap = (o: Record<string, unknown> = {}) => ({
  count: 12345,
  source_url: 'https://www.tiktok.com/@zone.a0',
  timestamp: 1736937600,
  artist: 'ZONE A0',
  ...o,
});
const parse = (doc: unknown, nameHandle: string | null = null) => parseFollowersJson(JSON.stringify(doc), { file: FILE, nameHandle });

describe('TikTok follower snapshot parser', () => {
  it('reads one object', () => {
    const { snapshots, withoutCount } = parse(snap());
    expect(withoutCount).toBe(0);
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({
      account: 'zone.a0',
      artist: 'ZONE A0',
      followers: 12345,
      sourceUrl: 'https://www.tiktok.com/@zone.a0',
    });
    expect(snapshots[0].capturedAt.toISOString()).toBe('2025-01-15T10:40:00.000Z');
  });

  it('reads an array, ISO and string timestamps, counts with separators, and skips records without a figure', () => {
    const { snapshots, withoutCount } = parse([
      snap({ timestamp: '2025-01-16T08:00:00Z', count: '12,400' }),
      snap({ timestamp: '2025-01-17T08:00:00+02:00', count: '12500' }),
      snap({ timestamp: '1737187200' }),
      snap({ timestamp: '2025-01-19', count: 'NaN' }),
      snap({ timestamp: '2025-01-20 09:30:00', count: null }),
    ]);
    expect(snapshots.map((s) => [s.capturedAt.toISOString(), s.followers])).toEqual([
      ['2025-01-16T08:00:00.000Z', 12400],
      ['2025-01-17T06:00:00.000Z', 12500],
      ['2025-01-18T08:00:00.000Z', 12345],
    ]);
    expect(withoutCount).toBe(2);
  });

  it('takes the account from the profile URL, then the file name, then a handle-shaped artist', () => {
    expect(parse(snap({ source_url: 'https://www.tiktok.com/@Pig1987?lang=en' })).snapshots[0].account).toBe('pig1987');
    expect(parse(snap({ source_url: null }), 'zone_a0').snapshots[0].account).toBe('zone_a0');
    expect(parse(snap({ source_url: null, artist: 'zone.a0' })).snapshots[0].account).toBe('zone.a0');
    expect(reasonOf(() => parse(snap({ source_url: null })))).toMatchObject({ code: 'BAD_VALUE', field: 'source_url' });
  });

  it('reports a changed shape as SCHEMA_DRIFT naming the keys', () => {
    const { count: _, ...withoutCount } = snap();
    expect(reasonOf(() => parse({ ...withoutCount, followers: 10 }))).toMatchObject({ code: 'SCHEMA_DRIFT', field: 'count, followers' });
    expect(reasonOf(() => parse([snap(), { ...snap(), extra: 1 }]))).toMatchObject({ code: 'SCHEMA_DRIFT', field: '[1].extra' });
    expect(reasonOf(() => parse([snap(), 5]))).toMatchObject({ code: 'SCHEMA_DRIFT', field: '[1]' });
    expect(reasonOf(() => parse('just a string'))).toMatchObject({ code: 'SCHEMA_DRIFT' });
  });

  it('rejects bad values naming the record and field', () => {
    expect(reasonOf(() => parse([snap(), snap({ count: 'lots' })]))).toMatchObject({
      code: 'BAD_VALUE',
      field: '[1].count',
      found: '"lots"',
    });
    expect(reasonOf(() => parse(snap({ count: -3 })))).toMatchObject({ code: 'BAD_VALUE', field: 'count' });
    expect(reasonOf(() => parse(snap({ timestamp: 'yesterday' })))).toMatchObject({ code: 'BAD_VALUE', field: 'timestamp' });
    expect(reasonOf(() => parse(snap({ timestamp: '2025-02-30T00:00:00Z' })))).toMatchObject({ code: 'BAD_VALUE', field: 'timestamp' });
    expect(reasonOf(() => parse(snap({ artist: 7 })))).toMatchObject({ code: 'BAD_VALUE', field: 'artist' });
  });

  it('reports truncated and invalid JSON with where it stopped, and empty input', () => {
    const text = JSON.stringify([snap(), snap()], null, 2);
    const truncated = reasonOf(() => parseFollowersJson(text.slice(0, 150), { file: FILE, nameHandle: null }));
    expect(truncated).toMatchObject({ code: 'BAD_VALUE', field: '(JSON syntax)' });
    expect(truncated.message).toContain('truncated');
    expect(truncated.line).toBeGreaterThan(1);
    expect(reasonOf(() => parseFollowersJson('', { file: FILE, nameHandle: null }))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(reasonOf(() => parseFollowersJson('[]', { file: FILE, nameHandle: null }))).toMatchObject({ code: 'EMPTY_FILE' });
  });

  it('recognises the payload by its exact keys, also from a truncated head', () => {
    expect(looksLikeFollowerSnapshot(JSON.stringify(snap()))).toBe(true);
    expect(looksLikeFollowerSnapshot(JSON.stringify([snap(), snap()]))).toBe(true);
    expect(looksLikeFollowerSnapshot(JSON.stringify([snap(), snap()], null, 2).slice(0, 170))).toBe(true);
    expect(looksLikeFollowerSnapshot(JSON.stringify({ ...snap(), extra: 1 }))).toBe(false);
    expect(looksLikeFollowerSnapshot(JSON.stringify({ songs: [] }))).toBe(false);
    expect(looksLikeFollowerSnapshot('date,listeners\n')).toBe(false);
  });

  it('small pieces: counts and timestamps', () => {
    expect([
      parseFollowerCount(5),
      parseFollowerCount('1,234'),
      parseFollowerCount(''),
      parseFollowerCount(Number.NaN),
      parseFollowerCount(1.5),
      parseFollowerCount(true),
    ]).toEqual([5, 1234, null, null, undefined, undefined]);
    expect(parseTimestamp(1736937600)?.toISOString()).toBe('2025-01-15T10:40:00.000Z');
    expect(parseTimestamp(1736937600123)?.toISOString()).toBe('2025-01-15T10:40:00.123Z');
    expect(parseTimestamp('2025-01-15T10:40:00.5Z')?.toISOString()).toBe('2025-01-15T10:40:00.500Z');
    expect(parseTimestamp('2025-01-15T25:00:00Z')).toBeNull();
    expect(parseTimestamp(-5)).toBeNull();
  });
});

/**
 * Capture time from every form real exports use, and the order of the sources: override,
 * manifest, file name, folder name, modification time. Expected instants are written by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { captureTimeFromName, captureTimeOf, parseCapturedAtOption, parseIsoInstant } from '../../../src/ingest/lake/capture-time';
import { stampedName } from '../../../src/ingest/lake/lake';
import { LakeValidationError } from '../../../src/ingest/lake/validation-error';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

describe('captureTimeFromName', () => {
  it.each([
    ['dk_bank_details_20250601_120000.tsv', '2025-06-01T12:00:00.000Z'],
    ['streams_stats_20240920_235959.html', '2024-09-20T23:59:59.000Z'],
    ['spotify_audience_1Eu67EqPy2NutiM0lqCarw_20250704_070222.csv', '2025-07-04T07:02:22.000Z'],
    ['graphql_20250527_113845_123456.json', '2025-05-27T11:38:45.123Z'],
    ['Overview_2024-05-28_1748345895_zone.a0.zip', '2025-05-27T11:38:15.000Z'],
    ['Overview_2024-05-28_1748345895123_pig1987.zip', '2025-05-27T11:38:15.123Z'],
    ['meta_ads_dump_20250301_081500', '2025-03-01T08:15:00.000Z'],
    ['20250301_081500', '2025-03-01T08:15:00.000Z'],
    ['streams_stats_20250101_120000 (1).html', '2025-01-01T12:00:00.000Z'],
    ['streams_stats_20250101_120000_2.html', '2025-01-01T12:00:00.000Z'],
  ])('%s → %s', (name, expected) => {
    expect(iso(captureTimeFromName(name))).toBe(expected);
  });

  it.each([
    'streams_stats.html',
    'applemusic_stats.html',
    'campaigns.json',
    // Impossible dates and times are not stamps.
    'streams_stats_20250230_120000.html',
    'streams_stats_20251301_120000.html',
    'streams_stats_20250101_246000.html',
    // Digits inside a longer token are not a stamp (a 17-digit campaign id, a 12-digit UPC).
    'insights_23851234567890123.json',
    'release_198667200001.json',
    'x20250101_120000.html',
    // A 10-digit number before 2010 is an id, not a unix time.
    'release_1234567890.json',
  ])('%s carries no capture time', (name) => {
    expect(captureTimeFromName(name)).toBeNull();
  });

  it('reads only the base name of a path', () => {
    expect(iso(captureTimeFromName('/data/20240101_000000/streams_stats.html'))).toBeNull();
  });
});

describe('stampedName (landing copy names)', () => {
  const at = new Date('2025-02-03T04:05:06Z');
  it('keeps a name that carries a capture time in any form', () => {
    for (const name of [
      'graphql_20250527_113845_123456.json',
      'Overview_2024-05-28_1748345895_zone.a0.zip',
      'dk_bank_details_20250601_120000.tsv',
    ]) {
      expect(stampedName(name, at)).toBe(name);
    }
  });
  it('adds the capture time to a name without one', () => {
    expect(stampedName('streams_stats.html', at)).toBe('streams_stats_20250203_040506.html');
  });
});

describe('parseIsoInstant and --captured-at', () => {
  it.each([
    ['2025-05-27T11:38:45Z', '2025-05-27T11:38:45.000Z'],
    ['2025-05-27T11:38:45.5Z', '2025-05-27T11:38:45.500Z'],
    ['2025-05-27T13:38:45+02:00', '2025-05-27T11:38:45.000Z'],
    ['2025-05-27T13:38+0200', '2025-05-27T11:38:00.000Z'],
    ['2025-05-27', '2025-05-27T00:00:00.000Z'],
  ])('%s is %s', (text, expected) => {
    expect(iso(parseIsoInstant(text))).toBe(expected);
  });

  it.each([
    '2025-05-27T11:38:45',
    '2025-02-30',
    '2025-13-01T00:00:00Z',
    '27/05/2025',
    'yesterday',
    '',
    '2025-05-27T25:00:00Z',
    '1748345895',
  ])('%j is refused', (text) => {
    expect(parseIsoInstant(text)).toBeNull();
  });

  it('refuses a missing value, a bad value and a future time with a message naming the option', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(() => parseCapturedAtOption(undefined, now)).toThrow(/--captured-at needs a value/);
    expect(() => parseCapturedAtOption('2025-05-27T11:38:45', now)).toThrow(
      /--captured-at "2025-05-27T11:38:45" is not an ISO 8601 time with a zone/,
    );
    expect(() => parseCapturedAtOption('2025-07-01T00:00:00Z', now)).toThrow(/in the future/);
    expect(parseCapturedAtOption('2025-05-27T11:38:45Z', now).toISOString()).toBe('2025-05-27T11:38:45.000Z');
  });
});

describe('captureTimeOf (the order of the sources)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-time-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, content = 'x'): string => {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('takes the override over everything', () => {
    const file = write('meta_ads_dump_20250301_081500/streams_stats_20250101_120000.html');
    fs.writeFileSync(`${file}.manifest.json`, JSON.stringify({ extractedAt: '2024-01-01T00:00:00.000Z' }));
    const at = new Date('2023-03-03T03:03:03Z');
    expect(captureTimeOf(file, at)).toEqual({ at, source: 'override' });
  });

  it('takes the manifest beside the file over its name', () => {
    const file = write('graphql_20250527_113845_123456.json');
    fs.writeFileSync(`${file}.manifest.json`, JSON.stringify({ extractedAt: '2025-05-20T10:00:00.000Z', service: 'linktree' }));
    expect(captureTimeOf(file)).toEqual({ at: new Date('2025-05-20T10:00:00Z'), source: 'manifest' });
  });

  it('takes the file name, then the folder name', () => {
    expect(captureTimeOf(write('20250301_081500/graphql_20250527_113845_123456.json'))).toEqual({
      at: new Date('2025-05-27T11:38:45.123Z'),
      source: 'file_name',
    });
    expect(captureTimeOf(write('meta_ads_dump_20250301_081500/campaigns.json'))).toEqual({
      at: new Date('2025-03-01T08:15:00Z'),
      source: 'folder_name',
    });
    expect(captureTimeOf(write('20250302_091500/insights.json'))).toEqual({ at: new Date('2025-03-02T09:15:00Z'), source: 'folder_name' });
  });

  it("falls back to the file's modification time, never the time of loading", () => {
    const file = write('exports/streams_stats.html');
    const mtime = new Date('2024-11-05T06:07:08Z');
    fs.utimesSync(file, mtime, mtime);
    expect(captureTimeOf(file)).toEqual({ at: mtime, source: 'file_mtime' });
  });

  it.each([
    ['not JSON', '{"extractedAt": ', /not valid JSON/],
    ['no extractedAt', '{"service": "distrokid"}', /has no extractedAt/],
    ['a number', '{"extractedAt": 1748345895}', /has no extractedAt/],
    ['an invalid time', '{"extractedAt": "2025-02-30T00:00:00Z"}', /invalid extractedAt/],
    ['a time without zone', '{"extractedAt": "2025-02-03T00:00:00"}', /invalid extractedAt/],
  ])('refuses a manifest with %s as BAD_MANIFEST naming the manifest and field', (_what, content, message) => {
    const file = write('streams_stats_20250101_120000.html');
    fs.writeFileSync(`${file}.manifest.json`, content);
    let error: unknown;
    try {
      captureTimeOf(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LakeValidationError);
    const reason = (error as LakeValidationError).reason;
    expect(reason).toMatchObject({ code: 'BAD_MANIFEST', file: `${file}.manifest.json`, field: 'extractedAt' });
    expect(reason.message).toMatch(message);
  });
});

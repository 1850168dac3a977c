import type { BankDetailsRow } from '../../../src/ingest/distrokid/bank-details.parser';
import { looksLikeBankDetails, parseBankDetails, BANK_DETAILS_REQUIRED_COLUMNS } from '../../../src/ingest/distrokid/bank-details.parser';
import type { BankSampleOptions } from '../../../demo/sample-exports/distrokid';
import { bankDetailsChunks, bankDetailsHeader, bankDetailsTotals } from '../../../demo/sample-exports/distrokid';
import { bytesIn, chunksOf, reasonOf } from './helpers';

const OLD = bankDetailsHeader('old');
const NEW = bankDetailsHeader('new');

type Cells = Record<string, string>;
const BASE: Cells = {
  'Reporting Date': '2024-10-05',
  'Sale Month': '2024-08',
  Store: 'Spotify',
  Artist: 'ZONE A0',
  Title: 'Night Drive',
  ISRC: 'QZTAW2496365',
  UPC: '197368123456',
  Quantity: '14',
  'Team Percentage': '100',
  'Song/Album': 'Song',
  'Country of Sale': 'US',
  'Songwriter Royalties Withheld': '0',
  'Songwriter Royalties Withheld (USD)': '0',
  'Earnings (USD)': '0.01931943',
  'Date Inserted': '2024-10-06',
  'Source Type': 'Streaming',
  'Recoup (USD)': '',
};

/** A bare-CR TSV with the given header and rows, each row overriding BASE by column name. */
function tsv(header: string[], ...rows: Cells[]): string {
  return [header.join('\t'), ...rows.map((r) => header.map((h) => ({ ...BASE, ...r })[h] ?? '').join('\t'))].map((l) => `${l}\r`).join('');
}

async function parseAll(input: string | Buffer[], batchSize?: number): Promise<BankDetailsRow[]> {
  const rows: BankDetailsRow[] = [];
  const source = typeof input === 'string' ? chunksOf(input) : chunksOf(...input);
  for await (const batch of parseBankDetails(source, { file: 'dk_bank_details_20250101_000000.tsv', batchSize })) rows.push(...batch);
  return rows;
}

describe('parseBankDetails: headers', () => {
  it('parses the old header set', async () => {
    const [row] = await parseAll(tsv(OLD, {}));
    expect(row).toMatchObject({
      line: 2,
      reportingDate: '2024-10-05',
      saleMonth: '2024-08',
      store: 'Spotify',
      artist: 'ZONE A0',
      title: 'Night Drive',
      isrc: 'QZTAW2496365',
      upc: '197368123456',
      quantity: 14,
      teamPercentage: '100',
      songOrAlbum: 'Song',
      country: 'US',
      withheldNano: 0n,
      earningsNano: 19_319_430n,
      grossNano: 19_319_430n,
      netNano: 19_319_430n,
      recoupNano: null,
      dateInserted: null,
      sourceType: null,
    });
    expect(row.rawFields).toEqual(OLD.map((h) => BASE[h]));
  });

  it('parses the new header set with columns in another order', async () => {
    const reordered = [...NEW].reverse();
    const rows = await parseAll(tsv(reordered, { 'Recoup (USD)': '1,250.5', 'Earnings (USD)': '3.5' }, {}));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      store: 'Spotify',
      earningsNano: 3_500_000_000n,
      recoupNano: 1_250_500_000_000n,
      dateInserted: '2024-10-06',
      sourceType: 'Streaming',
    });
    expect(rows[1]).toMatchObject({ line: 3, earningsNano: 19_319_430n, recoupNano: null });
    expect(rows[1].rawFields[0]).toBe('');
  });

  it('accepts a BOM, and CRLF line endings', async () => {
    const rows = await parseAll(`\ufeff${tsv(OLD, {}).replace(/\r/g, '\r\n')}`);
    expect(rows).toHaveLength(1);
    expect(rows[0].reportingDate).toBe('2024-10-05');
  });

  it('treats a header-only file as valid and empty', async () => {
    expect(await parseAll(tsv(OLD))).toEqual([]);
    expect(await parseAll(OLD.join('\t'))).toEqual([]);
  });

  it.each([[''], ['\ufeff'], ['  \r\r\n \t\r']])('fails EMPTY_FILE for %j', async (text) => {
    expect(await reasonOf(() => parseAll(text))).toMatchObject({ code: 'EMPTY_FILE', file: 'dk_bank_details_20250101_000000.tsv' });
  });

  it('fails BAD_HEADER when line 1 is not a header', async () => {
    const reason = await reasonOf(() => parseAll('2024-10-05\t2024-08\tSpotify\tZONE A0\r'));
    expect(reason).toMatchObject({ code: 'BAD_HEADER', line: 1 });
    expect(reason.expected).toContain('Earnings (USD)');
    expect(reason.found).toContain('2024-10-05');
  });

  it('fails SCHEMA_DRIFT naming a missing column', async () => {
    const header = OLD.filter((h) => h !== 'Country of Sale');
    const reason = await reasonOf(() => parseAll(tsv(header, {})));
    expect(reason).toMatchObject({ code: 'SCHEMA_DRIFT', line: 1, field: 'Country of Sale' });
    expect(reason.message).toContain('missing column(s): Country of Sale');
  });

  it('fails SCHEMA_DRIFT naming an unexpected column', async () => {
    const reason = await reasonOf(() => parseAll(tsv([...OLD, 'Payout Currency'], {})));
    expect(reason).toMatchObject({ code: 'SCHEMA_DRIFT', line: 1, field: 'Payout Currency' });
    expect(reason.message).toContain('unexpected column(s): Payout Currency');
  });

  it('fails SCHEMA_DRIFT on a duplicated column', async () => {
    const reason = await reasonOf(() => parseAll(tsv([...OLD, 'Songwriter Royalties Withheld (USD)'], {})));
    expect(reason).toMatchObject({ code: 'SCHEMA_DRIFT', line: 1 });
    expect(reason.message).toContain('Songwriter Royalties Withheld (USD) (duplicate)');
  });

  it('sniffs both header sets and rejects other files', () => {
    expect(looksLikeBankDetails(OLD.join('\t'))).toBe(true);
    expect(looksLikeBankDetails(`\ufeff${NEW.join('\t')}\rrow`)).toBe(true);
    expect(looksLikeBankDetails('"Date","Video Views","Profile Views"')).toBe(false);
    expect(looksLikeBankDetails('date\tlisteners\tstreams\tfollowers')).toBe(false);
    expect(BANK_DETAILS_REQUIRED_COLUMNS).toHaveLength(13);
  });
});

describe('parseBankDetails: rows', () => {
  it('fails WRONG_FIELD_COUNT on a truncated last row', async () => {
    const text =
      tsv(OLD, {}, {}) +
      OLD.map((h) => BASE[h])
        .slice(0, 9)
        .join('\t');
    const reason = await reasonOf(() => parseAll(text));
    expect(reason).toMatchObject({ code: 'WRONG_FIELD_COUNT', line: 4, expected: '13 tab-separated fields', found: '9 fields' });
  });

  it('fails WRONG_FIELD_COUNT on too many fields', async () => {
    const reason = await reasonOf(() => parseAll(`${tsv(OLD, {})}${OLD.map((h) => BASE[h]).join('\t')}\textra\r`));
    expect(reason).toMatchObject({ code: 'WRONG_FIELD_COUNT', line: 3, found: '14 fields' });
  });

  it('skips empty and whitespace-only lines', async () => {
    const rows = await parseAll(`${tsv(OLD, {})}\r   \r${tsv(OLD, {}).split('\r')[1]}\r\r`);
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
  });

  it.each([
    ['non-numeric earnings', { 'Earnings (USD)': 'abc' }, 13, 'Earnings (USD)', 'abc'],
    ['NaN earnings', { 'Earnings (USD)': 'NaN' }, 13, 'Earnings (USD)', 'NaN'],
    ['empty earnings', { 'Earnings (USD)': '' }, 13, 'Earnings (USD)', '(empty)'],
    ['badly grouped earnings', { 'Earnings (USD)': '1,2,3' }, 13, 'Earnings (USD)', '1,2,3'],
    ['NaN withheld', { 'Songwriter Royalties Withheld': 'NaN' }, 12, 'Songwriter Royalties Withheld', 'NaN'],
    ['impossible date', { 'Reporting Date': '2024-02-30' }, 1, 'Reporting Date', '2024-02-30'],
    ['non-leap Feb 29', { 'Reporting Date': '2023-02-29' }, 1, 'Reporting Date', '2023-02-29'],
    ['bad sale month', { 'Sale Month': '2024-13' }, 2, 'Sale Month', '2024-13'],
    ['sale month with a day', { 'Sale Month': '2024-08-01' }, 2, 'Sale Month', '2024-08-01'],
    ['fractional quantity', { Quantity: '1.5' }, 8, 'Quantity', '1.5'],
    ['badly grouped quantity', { Quantity: '12,34' }, 8, 'Quantity', '12,34'],
    ['team over 100', { 'Team Percentage': '150' }, 9, 'Team Percentage', '150'],
    ['bad country', { 'Country of Sale': 'USA' }, 11, 'Country of Sale', 'USA'],
    ['bad ISRC', { ISRC: 'QZ-TAW-24-9636' }, 6, 'ISRC', 'QZ-TAW-24-9636'],
    ['short UPC', { UPC: '12345' }, 7, 'UPC', '12345'],
    ['empty store', { Store: '' }, 3, 'Store', '(empty)'],
  ])('fails BAD_VALUE on %s', async (_name, override, column, field, found) => {
    const reason = await reasonOf(() => parseAll(tsv(OLD, {}, override)));
    expect(reason).toMatchObject({ code: 'BAD_VALUE', line: 3, column, field, found });
    expect(reason.expected).toBeTruthy();
  });

  it('names the column by its position in a reordered header', async () => {
    const header = [...NEW].reverse();
    const reason = await reasonOf(() => parseAll(tsv(header, { 'Earnings (USD)': 'NaN' })));
    expect(reason).toMatchObject({ code: 'BAD_VALUE', line: 2, column: header.indexOf('Earnings (USD)') + 1, field: 'Earnings (USD)' });
  });

  it('accepts a valid leap day, thousands separators and lower-case codes', async () => {
    const [row] = await parseAll(
      tsv(OLD, { 'Reporting Date': '2024-02-29', Quantity: '1,234', 'Earnings (USD)': '1,234.5', 'Country of Sale': 'gb' }),
    );
    expect(row).toMatchObject({ reportingDate: '2024-02-29', quantity: 1234, earningsNano: 1_234_500_000_000n, country: 'GB' });
  });

  it('normalises hyphenated ISRCs and maps unknown countries to null', async () => {
    const rows = await parseAll(
      tsv(
        OLD,
        { ISRC: 'qz-taw-24-96365', 'Country of Sale': 'OU' },
        { ISRC: 'QZ TAW 24 96365', 'Country of Sale': '' },
        { ISRC: '', UPC: '' },
      ),
    );
    expect(rows.map((r) => [r.isrc, r.country])).toEqual([
      ['QZTAW2496365', null],
      ['QZTAW2496365', null],
      [null, 'US'],
    ]);
    expect(rows[2].upc).toBeNull();
  });

  it('keeps negative earnings as adjustments', async () => {
    const [row] = await parseAll(tsv(OLD, { 'Earnings (USD)': '-0.01931943', Quantity: '-3' }));
    expect(row).toMatchObject({ quantity: -3, earningsNano: -19_319_430n, grossNano: -19_319_430n, netNano: -19_319_430n });
  });

  it('computes net exactly from team percentage and withheld', async () => {
    const rows = await parseAll(
      tsv(
        OLD,
        { 'Team Percentage': '50', 'Songwriter Royalties Withheld': '0.00100000', 'Earnings (USD)': '0.01931943' },
        { 'Team Percentage': '25', 'Earnings (USD)': '0.00000001' },
        { 'Team Percentage': '25', 'Earnings (USD)': '-0.00000001' },
        { 'Team Percentage': '33.333', 'Earnings (USD)': '123456789.12345678', 'Songwriter Royalties Withheld': '' },
      ),
    );
    expect(rows[0]).toMatchObject({ grossNano: 19_319_430n, withheldNano: 1_000_000n, netNano: 9_659_715n - 1_000_000n });
    // 10 nano × 25 % = 2.5 nano: half away from zero.
    expect(rows[1].netNano).toBe(3n);
    expect(rows[2].netNano).toBe(-3n);
    // 123456789.12345678 × 33.333 / 100 = 41151851.5185218484774 (checked with Python's Decimal).
    expect(rows[3]).toMatchObject({ withheldNano: 0n, netNano: 41_151_851_518_521_848n });
  });

  it('yields batches of the requested size', async () => {
    const text = tsv(OLD, ...Array.from({ length: 7 }, () => ({})));
    const sizes: number[] = [];
    for await (const b of parseBankDetails(chunksOf(text), { file: 'f', batchSize: 3 })) sizes.push(b.length);
    expect(sizes).toEqual([3, 3, 1]);
  });
});

describe('parseBankDetails: generated exports', () => {
  const base: BankSampleOptions = {
    seed: 42,
    rows: 20_000,
    months: ['2024-06', '2024-07', '2024-08', '2024-09'],
    artists: ['ZONE A0', 'SXNCTUARY'],
    tracks: [
      { artist: 'ZONE A0', title: 'Night Drive', isrc: 'QZTAW2496365', upc: '197368123456' },
      { artist: 'ZONE A0 X SXNCTUARY', title: 'Low Orbit', isrc: 'QZTAW2496366', upc: '1973681234567' },
      { artist: 'SXNCTUARY', title: 'Static Bloom', isrc: 'QZTAX2500001', upc: '197368654321' },
    ],
  };

  it.each(['old', 'new'] as const)('totals of the %s variant match the generator, whatever the chunking', async (headerVariant) => {
    const opts = { ...base, headerVariant };
    const expected = bankDetailsTotals(opts);
    const text = [...bankDetailsChunks(opts)].join('');
    expect(text.includes('\n')).toBe(false);
    const rows = await parseAll(bytesIn(text, 4093));
    const sum = (f: (r: BankDetailsRow) => bigint): bigint => rows.reduce((a, r) => a + f(r), 0n);
    expect(rows).toHaveLength(expected.rows);
    expect(sum((r) => r.grossNano)).toBe(expected.grossNano);
    expect(sum((r) => r.netNano)).toBe(expected.netNano);
    expect(rows.reduce((a, r) => a + r.quantity, 0)).toBe(expected.quantity);
    // The quirks are really there.
    expect(rows.filter((r) => r.earningsNano < 0n).length).toBeGreaterThan(expected.rows * 0.1);
    expect(rows.some((r) => r.netNano !== r.grossNano)).toBe(true);
    expect(rows.some((r) => r.country === null)).toBe(true);
    expect(rows.some((r) => r.rawFields[5].includes('-'))).toBe(true);
  });

  it('is deterministic per seed', () => {
    const small = { ...base, rows: 200 };
    expect([...bankDetailsChunks(small)].join('')).toBe([...bankDetailsChunks(small)].join(''));
    expect([...bankDetailsChunks(small)].join('')).not.toBe([...bankDetailsChunks({ ...small, seed: 43 })].join(''));
  });
});

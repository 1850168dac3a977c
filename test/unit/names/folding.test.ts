/** The artist fold drops case and separators; the title fold keeps word boundaries. */
import { artistKey, titleKey } from '../../../src/domain/names';

describe('artistKey', () => {
  it('folds spellings that differ only in case, spaces, dots, underscores or hyphens to one key', () => {
    const variants = ['Pig 1987', 'PIG1987', 'pig.1987', 'pig_1987', 'PIG-1987', ' pig . 1987 ', 'Ｐｉｇ　１９８７'];
    expect(new Set(variants.map(artistKey))).toEqual(new Set(['pig1987']));
    expect(new Set(['ZONE A0', 'zone.a0', 'zone_a0', 'Zone A0', 'zonea0'].map(artistKey))).toEqual(new Set(['zonea0']));
  });

  it('keeps names that differ in letters or digits apart', () => {
    expect(artistKey('Pig 1987')).not.toBe(artistKey('Pig 1988'));
    expect(artistKey('ZONE A0')).not.toBe(artistKey('ZONE AO'));
    expect(artistKey('SXNCTUARY')).not.toBe(artistKey('SANCTUARY'));
  });
});

describe('titleKey', () => {
  it('folds case and separators to one space but keeps word boundaries', () => {
    expect(titleKey('Heaven  Nightclub')).toBe('heaven nightclub');
    expect(titleKey('HEAVEN-NIGHTCLUB')).toBe('heaven nightclub');
    expect(titleKey('heaven_nightclub')).toBe('heaven nightclub');
    // Different words are different titles of one artist: never joined.
    expect(titleKey('A Live')).not.toBe(titleKey('Alive'));
  });
});

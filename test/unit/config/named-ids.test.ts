/** SPOTIFY_ARTIST_IDS and TIKTOK_ACCOUNTS: plain ids stay valid, `<id>=<Artist Name>` names the artist. */
import { ConfigError, loadConfig } from '../../../src/config/config';
import { configuredLinks } from '../../../src/ingest/identity/identity-service';

describe('artist ids in the extractors configuration', () => {
  it('keeps the plain-id form and reads <id>=<Artist Name> pairs', () => {
    const c = loadConfig({
      SPOTIFY_ARTIST_IDS: '1Eu67EqPy2NutiM0lqCarw=Pig 1987, 62owJQCD2XzVB2o19CVsFM',
      TIKTOK_ACCOUNTS: 'zone.a0=ZONE A0,pig1987',
    });
    expect(c.extractors.spotify.artistIds).toEqual(['1Eu67EqPy2NutiM0lqCarw', '62owJQCD2XzVB2o19CVsFM']);
    expect(c.extractors.spotify.artistNames).toEqual({ '1Eu67EqPy2NutiM0lqCarw': 'Pig 1987' });
    expect(c.extractors.tiktok.accounts).toEqual(['zone.a0', 'pig1987']);
    expect(c.extractors.tiktok.accountArtists).toEqual({ 'zone.a0': 'ZONE A0' });
    expect(configuredLinks(c.extractors)).toEqual([
      { kind: 'spotify', externalId: '1Eu67EqPy2NutiM0lqCarw', artistName: 'Pig 1987' },
      { kind: 'tiktok', externalId: 'zone.a0', artistName: 'ZONE A0' },
    ]);
    const plain = loadConfig({ SPOTIFY_ARTIST_IDS: '1Eu67EqPy2NutiM0lqCarw' });
    expect(plain.extractors.spotify).toMatchObject({ artistIds: ['1Eu67EqPy2NutiM0lqCarw'], artistNames: {} });
    expect(configuredLinks(plain.extractors)).toEqual([]);
  });

  it('refuses an empty name, an empty id and a repeated id, naming the variable', () => {
    for (const [variable, value] of [
      ['SPOTIFY_ARTIST_IDS', '1Eu67EqPy2NutiM0lqCarw='],
      ['SPOTIFY_ARTIST_IDS', '=Pig 1987'],
      ['SPOTIFY_ARTIST_IDS', '1Eu67EqPy2NutiM0lqCarw,1Eu67EqPy2NutiM0lqCarw=Pig'],
      ['TIKTOK_ACCOUNTS', 'zone.a0=  '],
    ]) {
      let error: unknown;
      try {
        loadConfig({ [variable]: value });
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', variable });
    }
  });
});

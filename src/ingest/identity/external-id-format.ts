import { EXTERNAL_ID_KINDS, type ExternalIdKind } from '../../entities/artist-external-id.entity';
import { IdentityError } from '../../errors/identity-error';

const FORMATS: Record<ExternalIdKind, { pattern: RegExp; expected: string; normalise: (v: string) => string }> = {
  // Spotify ids are case-sensitive base62: kept exactly as given.
  spotify: { pattern: /^[0-9A-Za-z]{22}$/, expected: 'a 22-character Spotify artist id', normalise: (v) => v.trim() },
  // Handles are case-insensitive; files and URLs write them with or without `@`.
  tiktok: {
    pattern: /^[a-z0-9._]{1,24}$/,
    expected: 'a TikTok handle (letters, digits, . and _)',
    normalise: (v) => v.trim().replace(/^@/, '').toLowerCase(),
  },
  meta_page: { pattern: /^\d{5,20}$/, expected: 'a numeric Meta page id', normalise: (v) => v.trim() },
};

export function isExternalIdKind(value: string): value is ExternalIdKind {
  return (EXTERNAL_ID_KINDS as readonly string[]).includes(value);
}

export function checkedKind(value: string, field = 'kind'): ExternalIdKind {
  const kind = value.trim().toLowerCase();
  if (!isExternalIdKind(kind))
    throw new IdentityError(
      'BAD_USER_INPUT',
      field,
      `${field}: "${value}" is not a platform; expected one of ${EXTERNAL_ID_KINDS.join(', ')}`,
    );
  return kind;
}

/** The stored form of an id, or a coded refusal naming the field. */
export function checkedExternalId(kind: ExternalIdKind, value: string, field = 'externalId'): string {
  const format = FORMATS[kind];
  const id = format.normalise(value);
  if (!format.pattern.test(id))
    throw new IdentityError('BAD_USER_INPUT', field, `${field}: "${value.slice(0, 80)}" is not ${format.expected}`);
  return id;
}

/** The name of the stand-in artist for an id nobody has linked yet, e.g. `spotify:1Eu67EqPy2NutiM0lqCarw`. */
export function placeholderName(kind: ExternalIdKind, externalId: string): string {
  return `${kind}:${externalId}`;
}

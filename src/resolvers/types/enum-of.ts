/**
 * A GraphQL enum built from a domain's own list of values, so the list is the one source of truth:
 * each GraphQL name maps to the domain value (`keyOf`: the value itself unless told otherwise).
 * Keys keep the list's order, which is the order the schema prints.
 */
export function enumOf<V extends string>(
  values: readonly V[],
  keyOf: (value: V) => string = (value) => value,
): Readonly<Record<string, V>> {
  return Object.fromEntries(values.map((value) => [keyOf(value), value]));
}

/** GraphQL names of the values whose names are not the values upper-cased. */
export function named<V extends string>(names: Readonly<Record<V, string>>): (value: V) => string {
  return (value) => names[value];
}

/** `meta_ads` → `META_ADS`. */
export const upperCase = (value: string): string => value.toUpperCase();

/**
 * `registerEnumType`'s `valuesConfig` from descriptions keyed by the domain value, so a value added to
 * the domain list without a description fails to compile instead of reaching the schema undocumented.
 */
export function describedValues<V extends string>(
  descriptions: Readonly<Record<V, string>>,
  keyOf: (value: V) => string = (value) => value,
): Record<string, { description: string }> {
  return Object.fromEntries(
    (Object.entries(descriptions) as Array<[V, string]>).map(([value, description]) => [keyOf(value), { description }]),
  );
}

import { type DocumentNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';

/** What an operation asks for once its fragments are expanded. */
export interface DocumentShape {
  /** Deepest field selection (introspection's `__schema` / `__type` left out: their shape is fixed and GraphiQL needs them). */
  depth: number;
  /** Field selections, every fragment spread counted as many times as it is spread. */
  selections: number;
  /** Aliased fields, counted like selections. */
  aliases: number;
  /** Fields at the root of the operation (fragments at the root expanded). */
  rootFields: number;
  /** A fragment spreading itself, directly or not: such a document never runs. */
  cycle: string | null;
}

interface Measure {
  depth: number;
  selections: number;
  aliases: number;
  /** Fields directly in this selection set, through fragments on the same level. */
  topLevel: number;
}

const ZERO: Measure = { depth: 0, selections: 0, aliases: 0, topLevel: 0 };
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

class FragmentCycle extends Error {
  constructor(readonly fragment: string) {
    super(`fragment ${fragment} spreads itself`);
  }
}

/**
 * Measures every operation of a document in time linear in its size: each fragment is measured
 * once and its figures reused wherever it is spread (a document of fragments each spreading the
 * previous one twice costs nothing to measure, however large its expansion). Counts saturate at
 * Infinity rather than overflow.
 */
export function measureDocument(document: DocumentNode): DocumentShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const done = new Map<string, Measure>();
  const inProgress = new Set<string>();

  const fragment = (name: string): Measure => {
    const known = done.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // An unknown fragment is the validator's to report.
    if (!def) return ZERO;
    if (inProgress.has(name)) throw new FragmentCycle(name);
    inProgress.add(name);
    const m = selectionSet(def.selectionSet);
    inProgress.delete(name);
    done.set(name, m);
    return m;
  };

  const selectionSet = (set: SelectionSetNode): Measure => {
    const out = { depth: 0, selections: 0, aliases: 0, topLevel: 0 };
    // Explicit stack of nested selection sets at this level (inline fragments), so deep nesting cannot exhaust the call stack.
    const levels: SelectionSetNode[] = [set];
    while (levels.length) {
      for (const s of levels.pop()!.selections) {
        if (s.kind === Kind.FIELD) {
          out.topLevel += 1;
          out.selections += 1;
          if (s.alias) out.aliases += 1;
          if (INTROSPECTION_ROOTS.has(s.name.value) || !s.selectionSet) {
            out.depth = Math.max(out.depth, INTROSPECTION_ROOTS.has(s.name.value) ? 0 : 1);
            continue;
          }
          const child = selectionSet(s.selectionSet);
          out.depth = Math.max(out.depth, 1 + child.depth);
          out.selections += child.selections;
          out.aliases += child.aliases;
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          levels.push(s.selectionSet);
        } else {
          const f = fragment(s.name.value);
          out.depth = Math.max(out.depth, f.depth);
          out.selections += f.selections;
          out.aliases += f.aliases;
          out.topLevel += f.topLevel;
        }
      }
    }
    return out;
  };

  const shape: DocumentShape = { depth: 0, selections: 0, aliases: 0, rootFields: 0, cycle: null };
  try {
    // Every fragment, used or not, so a cycle anywhere is found before graphql-js looks at it.
    for (const name of fragments.keys()) fragment(name);
    for (const def of document.definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION) continue;
      const m = selectionSet(def.selectionSet);
      shape.depth = Math.max(shape.depth, m.depth);
      shape.selections += m.selections;
      shape.aliases += m.aliases;
      shape.rootFields = Math.max(shape.rootFields, m.topLevel);
    }
  } catch (err) {
    if (err instanceof FragmentCycle) return { ...shape, cycle: err.fragment };
    throw err;
  }
  return shape;
}

import type { SessionChange } from './sessions';

/** What the primary of `npm start` (WEB_CONCURRENCY > 1) and its HTTP processes tell each other, besides the job worker's messages. */
export type ClusterMessage =
  /** HTTP process → primary: a session changed here; answered by `session-published` once every other process has it. */
  | { kind: 'session-publish'; ref: number; change: SessionChange }
  /** Primary → HTTP process: apply this change, then answer `session-applied`. */
  | { kind: 'session-apply'; ref: number; change: SessionChange }
  | { kind: 'session-applied'; ref: number }
  | { kind: 'session-published'; ref: number }
  /** HTTP process → primary, at start: the live sessions, please (answered by `sessions-snapshot`). */
  | { kind: 'sessions-wanted' }
  | { kind: 'sessions-snapshot'; changes: SessionChange[] };

const KINDS = new Set(['session-publish', 'session-apply', 'session-applied', 'session-published', 'sessions-wanted', 'sessions-snapshot']);

export function isClusterMessage(value: unknown): value is ClusterMessage {
  return KINDS.has(String((value as { kind?: unknown } | null)?.kind));
}

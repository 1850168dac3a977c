import { LakeValidationError, excerpt } from '../lake/validation-error';

/**
 * JSON.parse with a reason that says where the text stops being JSON (a truncated download, an
 * HTML error page saved under a .json name): line and column when the engine reports a position.
 */
export function parseJsonText(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const at = pos ? Math.min(Number(pos[1]), text.length) : text.length;
    const before = text.slice(0, at);
    const line = before.split(/\r\n|\r|\n/).length;
    const column = at - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
    throw new LakeValidationError({
      code: 'BAD_VALUE',
      message: `not valid JSON (${message.split('\n')[0]})`,
      file,
      line,
      column,
      expected: `a complete JSON ${what}`,
      found: at >= text.length ? `end of file after ${excerpt(text.slice(-40).trim())}` : excerpt(text.slice(at, at + 40)),
    });
  }
}

// Messages that never grow with their input: a long value is quoted as a
// short excerpt, a long list as its first lines and a count of the rest.
import { ENGINE } from '../engine/description.generated';

// A notice or status message: lines shown, then "… and N more".
export const MAX_NOTICE_LINES = 10;
// Characters of one line of a notice (longer ones end in "…").
export const MAX_NOTICE_LINE_CHARS = 120;
// Characters of a value quoted inside a message: as many as the engine quotes.
export const MAX_QUOTE_CHARS = ENGINE.limits.excerptChars;

export function shorten(text: string, max = MAX_NOTICE_LINE_CHARS): string {
  if (text.length <= max) return text;
  // Cut between UTF-16 pairs, never inside one.
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

// Any value, as a short phrase for a message: "abc" (quoted), 42, an array, an object.
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(shorten(value, MAX_QUOTE_CHARS));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const kind = typeof value;
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}

// At most `maxLines` lines of at most `maxChars` each; the last says how many were left out.
export function boundLines(lines: readonly string[], maxLines = MAX_NOTICE_LINES, maxChars = MAX_NOTICE_LINE_CHARS): string[] {
  const n = lines.length;
  const keep = n > maxLines ? maxLines - 1 : n;
  const out: string[] = [];
  for (let i = 0; i < keep; i++) out.push(shorten(String(lines[i]), maxChars));
  if (n > keep) out.push(`… and ${n - keep} more`);
  return out;
}

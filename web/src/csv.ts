// The page's side of CSV import and export (the engine parses and checks the rows).
import type { CsvResult } from './engine/types';
import { MAX_SHOWN_ERRORS } from './settings/limits';
import { boundLines, shorten } from './shared/messages';
import type { Settings } from './settings/schema';

// What the page tells the user after an import: a summary and the first
// errors, each a short excerpt, so the text never grows with the file.
export function describeCsvResult(result: CsvResult, fileName: string): { ok: boolean; summary: string; lines: string[] } {
  const name = shorten(fileName, 60);
  if (result.ok) {
    return { ok: true, summary: `Loaded ${result.loaded} point${result.loaded === 1 ? '' : 's'} from ${name}.`, lines: [] };
  }
  const n = result.errors.length;
  return {
    ok: false,
    summary: `Nothing was loaded from ${name}: ${n === 0 ? 'the file has no points' : `${n} bad row${n === 1 ? '' : 's'}`}.`,
    lines: boundLines(result.errors, MAX_SHOWN_ERRORS),
  };
}

// A file too large to read: refused by its size alone.
export function describeCsvTooLarge(fileName: string, bytes: number, limit: number): { ok: false; summary: string; lines: string[] } {
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  return {
    ok: false,
    summary: `Nothing was loaded from ${shorten(fileName, 60)}: the file has ${mb(bytes)}; a CSV file may have at most ${mb(limit)}.`,
    lines: [],
  };
}

// The line numbers named in the engine's errors ("line 3: ...").
export function errorLines(result: CsvResult): number[] {
  return result.errors
    .map((e) => /^line (\d+)/.exec(e))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

export function csvFileName(s: Pick<Settings, 'dataset' | 'seed'>): string {
  return `nn-playground-${s.dataset}-${s.seed}.csv`;
}

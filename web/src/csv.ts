// The page's side of CSV import and export (the engine parses and checks the rows).
import type { CsvResult } from './engine/types';
import type { Settings } from './settings/schema';

export const MAX_SHOWN_ERRORS = 8;

// What the page tells the user after an import.
export function describeCsvResult(result: CsvResult, fileName: string): { ok: boolean; summary: string; lines: string[] } {
  if (result.ok) {
    return { ok: true, summary: `Loaded ${result.loaded} point${result.loaded === 1 ? '' : 's'} from ${fileName}.`, lines: [] };
  }
  const n = result.errors.length;
  const lines = result.errors.slice(0, MAX_SHOWN_ERRORS);
  if (n > MAX_SHOWN_ERRORS) lines.push(`… and ${n - MAX_SHOWN_ERRORS} more`);
  return {
    ok: false,
    summary: `Nothing was loaded from ${fileName}: ${n === 0 ? 'the file has no points' : `${n} bad row${n === 1 ? '' : 's'}`}.`,
    lines,
  };
}

// The line numbers named in the engine's errors ("line 3: ...").
export function errorLines(result: CsvResult): number[] {
  return result.errors.map((e) => /^line (\d+)/.exec(e)).filter((m): m is RegExpExecArray => m !== null).map((m) => Number(m[1]));
}

export function csvFileName(s: Pick<Settings, 'dataset' | 'seed'>): string {
  return `nn-playground-${s.dataset}-${s.seed}.csv`;
}

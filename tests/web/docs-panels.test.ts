// The embedding docs name every panel an embed can choose, in both tables
// (the library's `panels` option and the iframe's `panels=` key).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PANEL_IDS } from '../../web/src/embed/panels';

const doc = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
const row = (start: string) => doc.split('\n').find((l) => l.startsWith(start)) ?? '';

describe('docs/embedding.md', () => {
  it('lists every panel id in the library option table', () => {
    const ids = [...row('| `panels` | `PanelId[]`').matchAll(/`([a-z]+)` \(|`([a-z]+)`(?=,| \|)/g)].map((m) => m[1] ?? m[2] ?? '');
    expect(ids.filter((id) => (PANEL_IDS as readonly string[]).includes(id))).toEqual([...PANEL_IDS]);
  });
  it('lists every panel id in the iframe key table, in order', () => {
    const list = /`((?:[a-z]+,)+[a-z]+)`/.exec(row('| `panels` | comma-separated'))?.[1];
    expect(list?.split(',')).toEqual([...PANEL_IDS]);
  });
});

// The full page follows its address: a hash changed by the user (a pasted
// link, back and forward) is applied like any change, a lesson's preset
// loaded as the lesson, and a comparison started or stopped as the link says.
import { isUnchangedPreset, lessonOf } from '../lessons/choice';
import { parseLessonHash } from '../lessons/hash';
import { sideB, splitCompareHash, type SidePatch } from '../settings/compare';
import { shorten } from '../shared/messages';
import { linkNotice } from '../settings/url';
import type { CompareMode } from './compare-mode';
import type { Notifier, Said, SessionStore } from './session-store';

// Side B from a link or the options: its notices, and what had to change to
// fit. A side B that cannot start leaves A as it is, and says why.
export async function startB(compare: CompareMode, b: { patch: SidePatch; notices: string[] }): Promise<string[]> {
  const out = [...b.notices];
  try {
    out.push(...(await compare.start(b.patch)));
  } catch (e) {
    out.push(`Side B could not start (${shorten(e instanceof Error ? e.message : String(e), 200)}); A runs alone`);
  }
  return out;
}

export function followHash(store: SessionStore, notice: Notifier, compare: CompareMode): () => void {
  return () => {
    if (location.hash === store.lastHash) return;
    const parts = splitCompareHash(location.hash);
    const next = parseLessonHash(parts.aHash);
    const said: Said = linkNotice([...next.notices, ...parts.notices], next.info, 'Some settings in the link were ignored or changed') ?? {
      title: '',
      lines: [],
    };
    const chosen = isUnchangedPreset(next.settings) ? lessonOf(next.settings) : null;
    const settings = store.settings;
    let change: Promise<void>;
    if (chosen && (next.settings.lesson !== settings.lesson || next.settings.variant !== settings.variant)) {
      if (said.lines.length) notice.set(said.title, said.lines, said.kind);
      change = store.loadLesson(chosen.lesson, chosen.variant, next.settings);
    } else change = store.apply(next.settings, said);
    // Side B's own settings, once A's are in (a link asking for a comparison starts one).
    if (compare.pair && !parts.compare) change = change.then(() => compare.stop());
    else if (parts.compare)
      change = change.then(async () => {
        const lines = await startB(compare, sideB(store.settings, parts));
        if (lines.length) notice.set(said.title, [...said.lines, ...lines]);
      });
    // Refused: the address shows the settings in use again.
    change.catch(() => store.writeHash());
  };
}

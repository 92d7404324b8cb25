// A lesson's controls (its file's `controls`): the settings it locks are shown
// disabled, with a title that says the lesson fixes them; those it hides are
// not shown (controls.ts isHidden). Locks apply to every control that names
// its setting (data-setting), the feature buttons and the layers' buttons.
import { lessonOf } from '../lessons/choice';
import type { SettingId, Settings } from '../settings/schema';
import type { Component } from './view';

// The title of the lesson that locks `id` in these settings, or '' when none does.
export function lockedBy(s: Pick<Settings, 'lesson' | 'variant'>, id: SettingId): string {
  const chosen = lessonOf(s);
  return chosen?.lesson.controls.locked.includes(id) ? chosen.lesson.title : '';
}

// True when the lesson the settings name hides the control of `key`.
export function lessonHides(s: Pick<Settings, 'lesson' | 'variant'>, key: string): boolean {
  return lessonOf(s)?.lesson.controls.hidden.includes(key) ?? false;
}

// Elements besides [data-setting] that change a setting.
const EXTRA: Partial<Record<SettingId, string>> = { features: '.nnp-feature', networkShape: '.nnp-layer-head button' };

// Called on every update while a lesson locks something: it writes only what differs.
function lock(el: HTMLElement, by: string): void {
  const was = el.dataset['lockedTitle'];
  if (by) {
    if (was === undefined) el.dataset['lockedTitle'] = el.title;
    const title = `Fixed by the lesson “${by}”`;
    if (el.title !== title) el.title = title;
  } else if (was !== undefined) {
    el.title = was;
    delete el.dataset['lockedTitle'];
  }
  if (el.classList.contains('nnp-locked') !== (by !== '')) el.classList.toggle('nnp-locked', by !== '');
  const inputs = (el.matches('input, select, button') ? [el] : [...el.querySelectorAll('input, select, button')]) as HTMLInputElement[];
  // Only what the lock disabled is enabled again (a width's − at 1 stays disabled).
  for (const input of inputs) {
    if (by && !input.disabled) {
      input.disabled = true;
      input.dataset['lockDisabled'] = '';
    } else if (!by && input.dataset['lockDisabled'] !== undefined) {
      input.disabled = false;
      delete input.dataset['lockDisabled'];
    }
  }
  if (!el.matches('input, select, button') && el.getAttribute('aria-disabled') !== String(by !== '')) el.setAttribute('aria-disabled', String(by !== ''));
}

export function createLessonLocks(root: HTMLElement): Component {
  let before = new Set<string>(); // the settings locked at the last update
  return {
    element: document.createElement('span'), // nothing of its own to show
    update(view) {
      const chosen = lessonOf(view.settings);
      const now = new Set<string>(chosen?.lesson.controls.locked ?? []);
      if (now.size === 0 && before.size === 0) return;
      // The views rebuild their parts: every update locks again what is locked.
      for (const id of new Set([...now, ...before])) {
        const by = now.has(id) ? (chosen?.lesson.title ?? '') : '';
        const extra = EXTRA[id as SettingId];
        const els = root.querySelectorAll<HTMLElement>(`[data-setting="${id}"]${extra ? `, ${extra}` : ''}`);
        els.forEach((el) => lock(el, by));
      }
      before = now;
    },
  };
}

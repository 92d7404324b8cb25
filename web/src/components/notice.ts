// A dismissable notice: which parts of a link were ignored, what went wrong,
// or (kind 'info') what a link does that is worth knowing.
// At most MAX_NOTICE_LINES lines of MAX_NOTICE_LINE_CHARS (settings/limits.ts).
import { boundLines, shorten } from '../shared/messages';
import { h, show } from './dom';

export interface Notice {
  element: HTMLElement;
  set(title: string, lines: string[], kind?: 'warning' | 'error' | 'info'): void;
  clear(): void;
}

export function createNotice(): Notice {
  const title = h('strong');
  const list = h('ul');
  const close = h('button', { type: 'button', class: 'nnp-icon-button', text: '×', 'aria-label': 'Dismiss the notice', title: 'Dismiss' });
  const element = h('div', { class: 'nnp-notice', role: 'alert', 'data-testid': 'notice' }, [h('div', { class: 'nnp-notice-body' }, [title, list]), close]);
  close.addEventListener('click', () => show(element, false));
  show(element, false);
  return {
    element,
    set(text, lines, kind = 'warning') {
      // Bounded whatever it is given: a hostile link or file cannot make it grow.
      title.textContent = shorten(text);
      list.replaceChildren(...boundLines(lines).map((l) => h('li', { text: l })));
      element.classList.toggle('nnp-notice-error', kind === 'error');
      element.classList.toggle('nnp-notice-info', kind === 'info');
      element.dataset['kind'] = kind;
      show(element, true);
    },
    clear() {
      show(element, false);
    },
  };
}

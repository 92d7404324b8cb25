// The step-through as the first view sees it: an empty hidden place in the
// network column. Its code (a sixth of the components') loads when the
// browser is idle after the first map, or at once when it is opened; a click
// before it is here waits for it, and a failed load says so (deps.error).
import { lazyPart } from '../shared/lazy';
import { h } from './dom';
import { focusStayed, focusedElement } from './focus-home';
import type { StepHost, StepThrough } from './stepthrough';
import type { View } from './view';

const CODE = lazyPart('The step-through', () => import('./stepthrough'));

export function createLazyStepThrough(deps: StepHost): StepThrough {
  const element = h('section', { class: 'nnp-panel nnp-stepthrough', hidden: true });
  let real: StepThrough | null = null;
  let latest: View | null = null;
  let destroyed = false;
  let wantOpen = false; // opened while loading (close() before it arrives cancels)
  const toggles: ((open: boolean) => void)[] = [];
  const ready = async (): Promise<StepThrough | null> => {
    if (real) return real;
    const { createStepThrough } = await CODE.get();
    if (destroyed) return null;
    if (!real) {
      real = createStepThrough(deps);
      for (const fn of toggles) real.onToggle(fn);
      if (latest) real.update(latest);
      element.replaceWith(real.element);
    }
    return real;
  };
  const failed = (e: unknown) => deps.error(e);
  return {
    // The placeholder until the real panel replaces it (callers asking where
    // the focus was, e.g. on close, need the panel that is on the page).
    get element() {
      return real?.element ?? element;
    },
    update(view) {
      if (!latest) CODE.prefetch(); // the first view is drawn
      latest = view;
      real?.update(view);
    },
    open() {
      wantOpen = true;
      const asked = focusedElement();
      ready().then((s) => s && wantOpen && s.open(focusStayed(asked)), failed);
    },
    close() {
      wantOpen = false;
      real?.close();
    },
    isOpen: () => real?.isOpen() ?? wantOpen,
    async choose(index) {
      const s = await ready();
      await s?.choose(index);
    },
    onToggle(fn) {
      toggles.push(fn);
      real?.onToggle(fn);
    },
    destroy() {
      destroyed = true;
      real?.destroy?.();
      element.remove();
    },
  };
}

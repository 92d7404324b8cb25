// The lesson card's exercise: each goal with where it stands, and the outcome
// (every goal reached, or the deadline missed). From the goal tracker's report.
import type { GoalReport } from '../lessons/goals';
import { h, show } from './dom';

export function createGoalsBlock() {
  const list = h('ul', { class: 'nnp-goal-list', 'data-testid': 'lesson-goal-list' });
  const status = h('p', { class: 'nnp-goal-status', 'data-testid': 'lesson-goal-status', role: 'status' });
  const element = h('div', { class: 'nnp-lesson-goals', 'data-testid': 'lesson-goals' }, [h('h3', { text: 'Exercise' }), list, status]);
  let shown = '';
  return {
    element,
    update(report: GoalReport | null) {
      show(element, report !== null);
      if (!report) return;
      const outcome = report.reached
        ? `Reached at epoch ${report.reached.epoch}: every goal holds.`
        : report.missed !== null
          ? `Not reached in ${report.missed} epochs; reset to try again.`
          : '';
      const key = JSON.stringify([report.checks.map((c) => [c.text, c.holds]), outcome]);
      if (key === shown) return;
      shown = key;
      list.replaceChildren(
        ...report.checks.map((c) => h('li', { class: `nnp-goal${c.holds ? ' nnp-goal-holds' : ''}`, text: `${c.holds ? '✓' : '○'} ${c.text}` })),
      );
      status.textContent = outcome;
      element.classList.toggle('nnp-goal-reached', report.reached !== null);
      element.classList.toggle('nnp-goal-missed', report.missed !== null);
    },
  };
}

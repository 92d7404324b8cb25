// Run controls (reset, play/pause, step, epochs per frame, epoch counter) and
// the training settings, in one bar.
import { settingsIn } from '../settings/schema';
import { createControl, isHidden } from './controls';
import { h, show, svg, formatInt } from './dom';
import { createPace, TEXT_HZ } from './pace';
import type { Actions, Component, View } from './view';

// The training settings (their group), the learning rate first as in TensorFlow Playground's bar.
const TRAINING = settingsIn('training').sort((a, b) => Number(b === 'learningRate') - Number(a === 'learningRate'));

// Small line icons (the button's text is its aria-label).
function icon(d: string): SVGSVGElement {
  const el = svg('svg', { viewBox: '0 0 24 24', width: 20, height: 20, 'aria-hidden': 'true' });
  const path = svg('path', { d, fill: 'currentColor' });
  el.append(path);
  return el;
}
const ICONS = {
  reset: 'M12 5V2L7 6l5 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z',
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  step: 'M6 5v14l9-7zM16 5h3v14h-3z',
};

export function createRunBar(actions: Actions): Component {
  const reset = h(
    'button',
    {
      type: 'button',
      class: 'nnp-round',
      title: 'Reset the network to its initial weights (epoch 0)',
      'aria-label': 'Reset the network',
      'data-testid': 'reset',
    },
    [icon(ICONS.reset)],
  );
  const play = h('button', { type: 'button', class: 'nnp-round nnp-play', title: 'Train continuously', 'aria-label': 'Play', 'data-testid': 'play' }, [
    icon(ICONS.play),
  ]);
  const step = h('button', { type: 'button', class: 'nnp-round', title: 'Train one epoch', 'aria-label': 'Step one epoch', 'data-testid': 'step' }, [
    icon(ICONS.step),
  ]);
  const epoch = h('output', { class: 'nnp-epoch-value', 'data-testid': 'epoch', 'aria-label': 'Epoch' });
  // Weight updates (one per mini-batch): what lesson 9 asks the student to read.
  const steps = h('output', { class: 'nnp-steps-value', 'data-testid': 'steps', 'aria-label': 'Weight updates' });
  reset.addEventListener('click', () => actions.reset());
  step.addEventListener('click', () => actions.step());
  let running = false;
  // The counters change every picture: written at TEXT_HZ while training (each
  // write lays the bar out again), at once when paused.
  const counters = createPace(TEXT_HZ);
  play.addEventListener('click', () => (running ? actions.pause() : actions.play()));
  const speed = createControl('epochsPerFrame', actions.set);
  const controls = TRAINING.map((id) => createControl(id, actions.set));
  const element = h('section', { class: 'nnp-runbar', 'aria-label': 'Run and training settings' }, [
    h('div', { class: 'nnp-run-buttons' }, [
      reset,
      play,
      step,
      h('div', { class: 'nnp-epoch' }, [
        h('span', { class: 'nnp-label', text: 'Epoch' }),
        epoch,
        h('span', { class: 'nnp-label nnp-steps', title: 'Weight updates so far: one per mini-batch' }, ['Steps ', steps]),
      ]),
    ]),
    speed.element,
    h(
      'div',
      { class: 'nnp-training' },
      controls.map((c) => c.element),
    ),
  ]);
  return {
    element,
    preview(s) {
      speed.update(s);
      controls.forEach((c) => c.update(s));
      show(reset, !isHidden(s, 'reset'));
    },
    update(view) {
      running = view.running;
      if (play.dataset['state'] !== String(running)) {
        play.dataset['state'] = String(running);
        play.replaceChildren(icon(running ? ICONS.pause : ICONS.play));
        play.setAttribute('aria-label', running ? 'Pause' : 'Play');
        play.title = running ? 'Pause training' : 'Train continuously';
        play.classList.toggle('nnp-running', running);
      }
      if (counters.due(running)) {
        epoch.textContent = formatInt(view.snapshot.epoch);
        steps.textContent = formatInt(view.snapshot.steps);
      }
      speed.update(view.settings);
      controls.forEach((c) => c.update(view.settings));
      show(reset, !isHidden(view.settings, 'reset'));
    },
  };
}

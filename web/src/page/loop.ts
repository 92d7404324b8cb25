// The animation loop: one frame asks the engine for more training (while
// playing) and draws what the sessions hold when something changed. It tells
// the paces how late frames run (components/pace.ts), so slow parts slow down.
import { noteFrame } from '../components/pace';

export interface LoopHooks {
  train(): void; // called every frame while playing, when the engine is free
  draw(): void;
  running(): boolean;
}

export interface Loop {
  requestDraw(): void; // draw at the next frame
  drawNow(): void; // draw at once (paused: a change shows without waiting for a frame)
  schedule(): void;
  destroy(): void;
}

export function createLoop(hooks: LoopHooks): Loop {
  let frame = 0;
  let dirty = false;
  let destroyed = false;

  function schedule(): void {
    if (frame || destroyed) return;
    frame = requestAnimationFrame(tick);
  }

  function draw(): void {
    dirty = false;
    hooks.draw();
  }

  function tick(now: number): void {
    frame = 0;
    if (destroyed) return;
    if (hooks.running()) {
      noteFrame(now);
      hooks.train();
    }
    if (dirty) draw();
    if (hooks.running()) schedule();
  }

  return {
    requestDraw() {
      dirty = true;
      schedule();
    },
    drawNow: draw,
    schedule,
    destroy() {
      destroyed = true;
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

// The benchmark's trace reading (bench/trace_breakdown.mjs): self time of
// nested events, busy time per thread, the main thread's time by kind.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the benchmark, without types
import { summarize } from '../../bench/trace_breakdown.mjs';

interface Summary {
  seconds: number;
  mainMsPerFrame: number;
  main: Record<string, number>;
  mainCpuMsPerFrame: number;
  mainCpu: Record<string, number>;
  mainTop: { name: string; kind: string; msPerFrame: number; cpuMsPerFrame: number }[];
  threads: { thread: string; busyMsPerSecond: number }[];
}

const meta = (pid: number, tid: number, name: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name } });
const x = (pid: number, tid: number, name: string, ts: number, dur: number) => ({ ph: 'X', name, pid, tid, ts, dur });

describe('trace breakdown', () => {
  // One second (µs): the page's main thread runs two 10 ms frames, each a task
  // holding script (4 ms, 1 ms of it GC) and a layer update (3 ms); its worker is
  // busy 500 ms; an idle renderer's main thread does 1 ms.
  const events = [
    meta(1, 10, 'CrRendererMain'),
    meta(1, 11, 'DedicatedWorker thread'),
    meta(2, 20, 'CrRendererMain'),
    ...[0, 500_000].flatMap((t) => [
      x(1, 10, 'ThreadControllerImpl::RunTask', t, 10_000),
      x(1, 10, 'FunctionCall', t + 1000, 4000),
      x(1, 10, 'MinorGC', t + 2000, 1000),
      x(1, 10, 'LayerTreeHost::DoUpdateLayers', t + 6000, 3000),
    ]),
    x(1, 11, 'DedicatedWorker::Run', 0, 500_000),
    x(2, 20, 'ThreadControllerImpl::RunTask', 100_000, 1000),
    { ph: 'B', name: 'Paint', pid: 1, tid: 10, ts: 900_000 },
    { ph: 'E', name: 'Paint', pid: 1, tid: 10, ts: 902_000 },
    x(1, 10, 'HitTest', 999_000, 1000),
  ];
  const s = summarize(events, 2) as Summary;

  it('reads the window, the page’s main thread and its self times by kind', () => {
    expect(s.seconds).toBeCloseTo(1, 6);
    // busy: 2 tasks of 10 ms + Paint 2 ms + HitTest 1 ms, over 2 frames
    expect(s.mainMsPerFrame).toBeCloseTo(11.5, 6);
    expect(s.main['script']).toBeCloseTo(3, 6); // 4 ms less the 1 ms of GC inside it, a frame
    expect(s.main['gc']).toBeCloseTo(1, 6);
    expect(s.main['layers and commit']).toBeCloseTo(3, 6);
    expect(s.main['task scheduling']).toBeCloseTo(3, 6); // 10 - 4 - 3 ms of each task
    expect(s.main['paint']).toBeCloseTo(1, 6); // from a B/E pair
    expect(s.main['other']).toBeCloseTo(0.5, 6);
    expect(s.mainTop[0]).toEqual({ name: 'ThreadControllerImpl::RunTask', kind: 'task scheduling', msPerFrame: 3, cpuMsPerFrame: 0 });
  });

  it('gives the main thread’s CPU time by kind, from the events’ thread durations', () => {
    // The same two frames, each task on the CPU 8 of its 10 ms: script 3 (1 of it GC), layers 2.
    const cpu = (e: ReturnType<typeof x>, tdur: number) => ({ ...e, tdur });
    const c = summarize(
      [
        meta(1, 10, 'CrRendererMain'),
        ...[0, 500_000].flatMap((t) => [
          cpu(x(1, 10, 'ThreadControllerImpl::RunTask', t, 10_000), 8000),
          cpu(x(1, 10, 'FunctionCall', t + 1000, 4000), 3000),
          cpu(x(1, 10, 'MinorGC', t + 2000, 1000), 1000),
          cpu(x(1, 10, 'LayerTreeHost::DoUpdateLayers', t + 6000, 3000), 2000),
        ]),
      ],
      2,
    ) as Summary;
    expect(c.mainCpuMsPerFrame).toBeCloseTo(8, 6);
    expect(c.mainCpu['script']).toBeCloseTo(2, 6);
    expect(c.mainCpu['gc']).toBeCloseTo(1, 6);
    expect(c.mainCpu['layers and commit']).toBeCloseTo(2, 6);
    expect(c.mainCpu['task scheduling']).toBeCloseTo(3, 6); // 8 - 3 - 2
    expect(c.main['layers and commit']).toBeCloseTo(3, 6); // wall time as before
  });

  it('gives every busy thread’s ms a second, threads of one name added up', () => {
    expect(s.threads).toEqual([
      { thread: 'DedicatedWorker thread', busyMsPerSecond: 500 },
      { thread: 'CrRendererMain', busyMsPerSecond: 24 }, // 23 of the page's + 1 of the idle renderer
    ]);
  });
});

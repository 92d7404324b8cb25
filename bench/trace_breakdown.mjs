// Where the CPU goes while the page plays, from a Chromium trace: CDP's
// Performance metrics separate script, layout and style only, and on a
// 2-core machine the page's own threads (main, worker, compositor, raster,
// the GPU process's software drawing) share the cores, so the "rest" needs
// names. Records `ms` of trace and returns
//  - threads: busy ms a second of every thread that did work (all processes);
//  - main: the renderer main thread's self time a frame, by kind of work;
//  - mainCpu: the same in the thread's CPU time (the events' tdur), which other
//    work on a shared machine does not stretch as it stretches wall time.
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'blink',
  'cc',
  'gpu',
  'viz',
  'toplevel',
];

// A main-thread event's kind, by its name (the names Chromium's trace uses).
// Order matters: the first match wins.
const KINDS = [
  ['gc', /GC|Scavenge|MarkCompact|Sweep|ThreadState::/],
  ['canvas', /Canvas|FinalizeFrame|WritePixels|PutImageData|DrawImage/], // canvases' drawing rasterised and handed over
  [
    'script',
    /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireAnimationFrame|RunMicrotasks|EventDispatch|ProfileCall|CompileScript|CompileCode|ParseHTML)/,
  ],
  ['style and layout', /Layout|Style|RecalcStyle|ResizeObserver|IntersectionObserver/],
  ['paint', /^(Paint|PrePaint|PaintImage|Decode)|Blink\.(Pre)?Paint/],
  ['layers and commit', /Commit|Layerize|UpdateLayer|CompositingInputs|CompositeLayers|BeginMainFrame|LayerTreeHost|PaintArtifact/],
  ['task scheduling', /RunTask|ThreadController|SequenceManager|TaskQueue/],
];
const kindOf = (name) => KINDS.find(([, re]) => re.test(name))?.[0] ?? 'other';

export async function traceBreakdown(cdp, ms, frames) {
  const events = [];
  const collect = (e) => {
    for (const v of e.value) events.push(v); // a chunk can be too long to spread into arguments
  };
  cdp.on('Tracing.dataCollected', collect);
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });
  const f0 = await frames();
  await new Promise((ok) => setTimeout(ok, ms));
  const f1 = await frames();
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return summarize(events, f1 - f0);
}

// Self time of nested complete events ('X', or 'B'/'E' pairs) per thread.
export function summarize(events, frames) {
  const names = new Map(); // "pid:tid" -> thread name
  const byThread = new Map(); // "pid:tid" -> spans {ts, end, name}
  const open = new Map();
  let first = Infinity;
  let last = -Infinity;
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'M' && e.name === 'thread_name') names.set(key, e.args?.name ?? key);
    if (e.ph !== 'X' && e.ph !== 'B' && e.ph !== 'E') continue;
    if (typeof e.ts !== 'number') continue;
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts + (e.dur ?? 0));
    if (!byThread.has(key)) byThread.set(key, []);
    if (e.ph === 'X' && typeof e.dur === 'number') byThread.get(key).push({ ts: e.ts, end: e.ts + e.dur, name: e.name, cpu: e.tdur ?? 0 });
    else if (e.ph === 'B') {
      if (!open.has(key)) open.set(key, []);
      open.get(key).push(e);
    } else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (b) byThread.get(key).push({ ts: b.ts, end: e.ts, name: b.name, cpu: typeof e.tts === 'number' && typeof b.tts === 'number' ? e.tts - b.tts : 0 });
    }
  }
  const seconds = Math.max(1e-3, (last - first) / 1e6);
  const threads = [];
  let mainSelf = null;
  let mainSelfCpu = null;
  let mainBusy = 0;
  let mainBusyCpu = 0;
  for (const [key, spans] of byThread) {
    spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
    // Busy time: the union of the top-level spans. Self time: a span minus its children.
    const self = new Map();
    const selfCpu = new Map();
    const add = (m, name, v) => m.set(name, (m.get(name) ?? 0) + v);
    const stack = [];
    let busy = 0;
    let busyCpu = 0;
    for (const s of spans) {
      while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
      const parent = stack.at(-1);
      const dur = s.end - s.ts;
      if (parent) {
        add(self, parent.name, -Math.min(dur, parent.end - s.ts));
        add(selfCpu, parent.name, -Math.min(s.cpu, parent.cpu));
      } else {
        busy += dur;
        busyCpu += s.cpu;
      }
      add(self, s.name, dur);
      add(selfCpu, s.name, s.cpu);
      stack.push(s);
    }
    const name = names.get(key) ?? key;
    threads.push({ thread: name, busyMsPerSecond: busy / 1000 / seconds });
    // The renderer main thread with the most work is the page's (other renderers are idle).
    if (name === 'CrRendererMain' && busy > mainBusy) {
      mainBusy = busy;
      mainSelf = self;
      mainBusyCpu = busyCpu;
      mainSelfCpu = selfCpu;
    }
  }
  // Threads of one name (raster workers, several renderers) are added up.
  const merged = new Map();
  for (const t of threads) {
    const name = t.thread.replace(/\d+$/, '');
    merged.set(name, (merged.get(name) ?? 0) + t.busyMsPerSecond);
  }
  const perFrame = (v) => v / 1000 / Math.max(1, frames);
  const byKind = (self) => {
    const out = {};
    for (const [name, us] of self ?? []) if (us > 0) out[kindOf(name)] = (out[kindOf(name)] ?? 0) + perFrame(us);
    return out;
  };
  const top = [];
  for (const [name, us] of mainSelf ?? [])
    if (us > 0) top.push({ name, kind: kindOf(name), msPerFrame: perFrame(us), cpuMsPerFrame: perFrame(mainSelfCpu.get(name) ?? 0) });
  top.sort((a, b) => b.msPerFrame - a.msPerFrame);
  return {
    seconds,
    frames,
    mainMsPerFrame: perFrame(mainBusy),
    main: byKind(mainSelf), // ms a frame by kind (KINDS, and 'other')
    mainCpuMsPerFrame: perFrame(mainBusyCpu),
    mainCpu: byKind(mainSelfCpu), // CPU ms a frame by kind
    mainTop: top.slice(0, 15), // the largest self times by event name
    threads: [...merged]
      .map(([thread, busyMsPerSecond]) => ({ thread, busyMsPerSecond }))
      .filter((t) => t.busyMsPerSecond >= 5)
      .sort((a, b) => b.busyMsPerSecond - a.busyMsPerSecond),
  };
}

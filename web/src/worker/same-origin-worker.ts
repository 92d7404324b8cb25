// A Worker that also starts when the library file comes from another origin
// than the page (a course page importing dist/nn-playground.js from a CDN or
// the course server): browsers refuse `new Worker(url)` across origins, so
// the worker is started from a same-origin blob that imports the real file.
// The real file, its chunks and the wasm then load from the library's origin,
// which must allow it (Access-Control-Allow-Origin); `startHint` says so.
//
// client.ts imports this class under the name `Worker`, so Vite still sees
// `new Worker(new URL('./training.worker.ts', import.meta.url))` and bundles
// the worker.
// (Node, where unit tests import the page's modules, has no Worker: the class
// is still defined, and only fails if constructed.)
const Base = (typeof Worker === 'undefined' ? class {} : Worker) as typeof Worker;

export class SameOriginWorker extends Base {
  // Why a worker that failed to start may have failed, for the error message.
  readonly startHint: string;

  constructor(url: URL | string, options?: WorkerOptions) {
    const target = new URL(url, location.href);
    const crossOrigin = typeof location !== 'undefined' && target.origin !== location.origin && target.protocol !== 'blob:' && target.protocol !== 'data:';
    if (!crossOrigin) {
      // A blob: worker is one inlined by the single-file and package builds
      // (web/vite-plugins.ts): a classic script, since Chromium refuses module
      // workers from blobs in a page opened from disk (file://).
      super(target, target.protocol === 'blob:' ? { ...options, type: 'classic' } : options);
      this.startHint = 'unknown error';
      return;
    }
    const boot = URL.createObjectURL(new Blob([`import ${JSON.stringify(target.href)};\n`], { type: 'text/javascript' }));
    super(boot, { ...options, type: 'module' });
    setTimeout(() => URL.revokeObjectURL(boot), 60_000);
    // Short: the page shows the whole message in the playground's box.
    this.startHint = `library on ${target.origin}, page on ${location.origin}: the library's server must send Access-Control-Allow-Origin (or serve dist/ here, or use embed.html)`;
  }
}

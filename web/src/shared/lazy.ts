// Parts the first view does not draw load on first use: a dynamic import()
// that Vite splits into a chunk resolved relative to the importing file (so
// the library build finds its chunks next to itself, from any origin).
// A failed load (offline, a site redeployed under the page) says so in a
// short message; the next use tries again.

export interface LazyPart<T> {
  get(): Promise<T>; // the module, loading it on first use
  loaded(): T | null; // the module if it is here already
  prefetch(): void; // start loading when the browser is idle (errors wait for get())
}

export class PartLoadError extends Error {}

export function lazyPart<T>(what: string, load: () => Promise<T>): LazyPart<T> {
  let value: T | null = null;
  let pending: Promise<T> | null = null;
  const get = (): Promise<T> => {
    if (value !== null) return Promise.resolve(value);
    pending ??= load().then(
      (v) => (value = v),
      (e: unknown) => {
        pending = null; // the next use tries again
        const why = e instanceof Error ? e.message : String(e);
        throw new PartLoadError(`${what} could not be loaded (${why.slice(0, 160)}); check the connection and try again`);
      },
    );
    return pending;
  };
  return {
    get,
    loaded: () => value,
    prefetch: () => whenIdle(() => void get().catch(() => undefined)),
  };
}

// A moment after the first map (its first frames and the user's first input
// go first), when the browser is idle.
export function whenIdle(fn: () => void): void {
  setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 2000 }) : fn()), 200);
}

// Saving and loading, and the share dialog: not drawn in the first view, so
// loaded on first use (a click waits for them; a failed load is said on the
// notice, and the next click tries again).
import type { Component } from '../components/view';
import { lazyPart } from '../shared/lazy';
import type { Files, FilesUi } from './files';
import type { Notifier, SessionStore } from './session-store';

const FILES = lazyPart('Saving and loading', () => import('./files'));
const SHARE = lazyPart('The share dialog', () => import('../components/share-dialog'));

export function lazyFiles(store: SessionStore, notice: Notifier, host: FilesUi, showError: (e: unknown) => void): Files {
  let made: Files | null = null;
  const filesDo = <K extends keyof Files>(k: K) =>
    (async (...a: Parameters<Files[K]>) => {
      try {
        const { createFiles } = await FILES.get();
        made ??= createFiles(store, notice, host);
      } catch (e) {
        return showError(e);
      }
      return (made[k] as (...b: Parameters<Files[K]>) => unknown)(...a);
    }) as unknown as Files[K];
  return {
    saveModel: filesDo('saveModel'),
    loadModel: filesDo('loadModel'),
    savePicture: filesDo('savePicture'),
    saveHistory: filesDo('saveHistory'),
    savePyTorch: filesDo('savePyTorch'),
  };
}

interface ShareHost {
  root: HTMLElement;
  hash(): string; // the settings (both sides when comparing)
  added(c: Component): void; // destroyed with the playground
  destroyed(): boolean;
  error(e: unknown): void;
}

// The Share / embed dialog, made on its first opening.
export function lazyShare(host: ShareHost): () => Promise<void> {
  let dialog: Promise<{ open(): void }> | null = null;
  return async () => {
    dialog ??= SHARE.get().then(({ createShareDialog }) => {
      const d = createShareDialog({ hash: host.hash, pageUrl: () => location.href.split('#')[0]! });
      host.added({ element: d.element, update: () => undefined, destroy: () => d.destroy() });
      host.root.append(d.element);
      return d;
    });
    try {
      const d = await dialog;
      if (!host.destroyed()) d.open();
    } catch (e) {
      dialog = null;
      host.error(e);
    }
  };
}

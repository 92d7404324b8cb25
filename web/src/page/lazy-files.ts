// Saving and loading, the share dialog and the lesson maker: not drawn in the first view, so
// loaded on first use (a click waits for them; a failed load is said on the
// notice, and the next click tries again).
import type { Modal } from '../components/dialog-parts';
import type { LessonMakerSource } from '../components/lesson-maker';
import type { Component } from '../components/view';
import { lazyPart } from '../shared/lazy';
import type { Files, FilesUi } from './files';
import type { Notifier, SessionStore } from './session-store';

const FILES = lazyPart('Saving and loading', () => import('./files'));
const SHARE = lazyPart('The share dialog', () => import('../components/share-dialog'));
const MAKER = lazyPart('The lesson maker', () => import('../components/lesson-maker'));

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

interface DialogHost {
  root: HTMLElement;
  added(c: Component): void; // destroyed with the playground
  destroyed(): boolean;
  error(e: unknown): void;
}

// A dialog made on its first opening, from the parts `make` loads.
function lazyDialog(host: DialogHost, make: () => Promise<Modal>): () => Promise<void> {
  let dialog: Promise<Modal> | null = null;
  return async () => {
    dialog ??= make().then((d) => {
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

const pageUrl = () => location.href.split('#')[0]!;

// The Share / embed dialog.
export function lazyShare(host: DialogHost & { hash(): string }): () => Promise<void> {
  return lazyDialog(host, async () => (await SHARE.get()).createShareDialog({ hash: host.hash, pageUrl }));
}

// The "Make a lesson" dialog (it saves the lesson file as the files do).
export function lazyLessonMaker(host: DialogHost & Omit<LessonMakerSource, 'pageUrl' | 'download'>): () => Promise<void> {
  return lazyDialog(host, async () => {
    const [{ createLessonMaker }, { download }] = await Promise.all([MAKER.get(), FILES.get()]);
    return createLessonMaker({ settings: host.settings, sideB: host.sideB, layers: host.layers, hash: host.hash, pageUrl, download });
  });
}

// The playground's files: model (JSON), loss history (CSV), decision picture
// (PNG) and the PyTorch export. Reading is size-checked before a byte is read;
// a refused model file leaves the session as it was.
import { downloadName, historyCsv } from '../components/history-csv';
import { h } from '../components/dom';
import { shorten } from '../shared/messages';
import type { Notifier, RefusalLike, SessionStore } from './session-store';

export interface Files {
  saveModel(): Promise<void>;
  loadModel(file: File): Promise<void>;
  savePicture(): Promise<void>;
  saveHistory(): void;
  savePyTorch(): Promise<void>;
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

// Saves a file through the browser's download.
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, style: 'display:none' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface FilesUi {
  say(text: string): void;
  picture(): HTMLCanvasElement | null;
  // After a model file loaded into the session (comparing: side B follows it), in the same change.
  loaded?(json: string): Promise<void>;
}

export function createFiles(store: SessionStore, notice: Notifier, ui: FilesUi): Files {
  const fileName = (what: Parameters<typeof downloadName>[0]) => downloadName(what, store.settings.dataset, store.snapshot?.epoch ?? 0);

  async function exportModelText(kind: 'exportModel' | 'exportPyTorch' = 'exportModel'): Promise<string> {
    const port = store.port;
    if (!port) throw new Error('The engine is not ready');
    const reply = await port.request({ kind });
    if (reply.kind !== 'text') throw new Error('Unexpected reply');
    return reply.text;
  }

  return {
    async saveModel() {
      try {
        const name = fileName('model');
        download(name, new Blob([await exportModelText()], { type: 'application/json' }));
        ui.say(`Saved ${name}`);
      } catch (e) {
        store.showError(e);
      }
    },
    async loadModel(file: File) {
      const port = store.port;
      const catalog = store.catalog;
      if (!port || !catalog) return;
      store.running = false;
      const name = shorten(file.name, 60);
      const refused = (why: string) => notice.set(`Nothing was loaded from ${name}; the playground is as it was`, [why], 'error');
      // The size first: a huge file is never read.
      const limit = catalog.limits.maxModelBytes;
      if (file.size > limit) return refused(`The file has ${megabytes(file.size)}; a model file may have at most ${megabytes(limit)}`);
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        return refused(e instanceof Error ? e.message : String(e));
      }
      await store.serially(async () => {
        let reply;
        try {
          reply = await port.request({ kind: 'importModel', json: text });
        } catch (e) {
          // The engine's import is all or nothing: a refusal changed nothing.
          if (store.destroyed) return;
          const snap = (e as RefusalLike).snapshot;
          if (snap) store.receive(snap);
          return refused(e instanceof Error ? e.message : String(e));
        }
        if (reply.kind !== 'model') return;
        // The engine runs the model now (with its history): the page follows it.
        store.receive(reply.snapshot);
        store.adoptEngineConfig(reply.snapshot);
        notice.clear();
        // An old file resumes with a fresh optimizer: the engine says so.
        if (reply.note) notice.set(`Loaded ${name}: it does not resume exactly`, [reply.note]);
        try {
          await ui.loaded?.(text);
        } catch (e) {
          notice.set(`${name} was loaded into A; side B could not follow it`, [e instanceof Error ? e.message : String(e)], 'error');
        }
        ui.say(`Loaded ${name} (epoch ${reply.snapshot.epoch})`);
      });
    },
    async savePicture() {
      const canvas = ui.picture();
      if (!canvas) return;
      const blob = await new Promise<Blob | null>((ok) => canvas.toBlob(ok, 'image/png'));
      if (!blob) return store.showError(new Error('The browser could not make the picture'));
      const name = fileName('decision');
      download(name, blob);
      ui.say(`Saved ${name}`);
    },
    saveHistory() {
      const name = fileName('history');
      download(name, new Blob([historyCsv(store.history)], { type: 'text/csv' }));
      ui.say(`Saved ${name}`);
    },
    async savePyTorch() {
      try {
        const code = await exportModelText('exportPyTorch');
        const name = fileName('pytorch');
        download(name, new Blob([code], { type: 'text/x-python' }));
        ui.say(`Saved ${name}`);
      } catch (e) {
        store.showError(e);
      }
    },
  };
}

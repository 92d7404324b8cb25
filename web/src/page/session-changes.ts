// The session store's changes: a patch of settings, a lesson's preset, the
// engine's own configuration after a model file, and the start. Each asks the
// engine first and commits only once it has said yes (session-core.ts).
import { isUnchangedPreset, lessonOf, lessonSettings } from '../lessons/choice';
import type { Lesson, LessonVariant } from '../lessons/format';
import type { Catalog } from '../engine/types';
import { planChange } from '../settings/change';
import { reconcile, toConfig } from '../settings/config';
import { enginePoints } from '../settings/points-codec';
import { settingsFromConfig } from '../settings/lesson';
import { ENGINE_SETTINGS, defaults, type Settings } from '../settings/schema';
import type { Request, Snapshot } from '../worker/protocol';
import { pointsText, type Core, type EngineLink } from './session-core';
import type { RefusalLike, Said, SessionPort } from './session-store';

type Parts = { core: Core; link: EngineLink };

// A preset goes to the worker as data: its configuration, points and weights.
const presetRequest = (v: LessonVariant): Request => ({
  kind: 'lesson',
  preset: { config: v.config, ...(v.points ? { points: v.points } : {}), ...(v.weights ? { weights: v.weights } : {}) },
});

// The notice for a change: what the caller had to say, and what the page changed to fit.
function tell(core: Core, said: Said, note: string): void {
  const lines = note ? [...said.lines, note] : said.lines;
  // Information stays information only while nothing had to change.
  if (note && said.kind === 'info') core.notice.set('A setting was changed to fit the others', lines);
  else if (lines.length) core.notice.set(said.title || 'A setting was changed to fit the others', lines, said.kind);
}

// The engine is the only judge of TensorFlow Playground's exact replay: the
// settings `s` with a replay are sent as they are (`ask`), and when the engine
// refuses them with the code tfp_replay the replay ends (core.leaveReplay),
// `left` giving the engine's reason; the caller sends the settings that
// result. Any other refusal is left to the caller's own request (asked again,
// then shown).
async function replayOrLeave(core: Core, s: Settings, ask: (s: Settings) => Request): Promise<{ settings: Settings; snap?: Snapshot; left?: string }> {
  const port = core.state.port;
  if (s.tfpSeed === '' || !port) return { settings: s };
  const tried = await port.request(ask(s)).catch((e: unknown): RefusalLike => (e instanceof Error ? e : new Error(String(e))));
  if (tried instanceof Error) return tried.code === 'tfp_replay' ? { settings: core.leaveReplay(s), left: tried.reason || tried.message } : { settings: s };
  return tried.kind === 'snapshot' ? { settings: s, snap: tried.snapshot } : { settings: s };
}

// Applies a patch as one change: the engine first, in one call; the settings
// change only once it has accepted. Throws a Refusal otherwise.
export async function applyNow({ core, link }: Parts, patch: Partial<Settings>, said: Said): Promise<void> {
  const { state } = core;
  if (!state.catalog) {
    state.settings = { ...state.settings, ...patch };
    tell(core, said, '');
    return;
  }
  // Naming another lesson (and nothing the engine reads) loads its preset.
  if (
    patch.lesson &&
    (patch.lesson !== state.settings.lesson || (patch.variant ?? '') !== state.settings.variant) &&
    !ENGINE_SETTINGS.some((k) => k in patch)
  ) {
    const chosen = lessonOf({ lesson: patch.lesson, variant: patch.variant ?? '' });
    if (chosen) {
      tell(core, said, '');
      await loadLessonNow({ core, link }, chosen.lesson, chosen.variant, { ...state.settings, ...patch });
      return;
    }
  }
  // A new seed ends TensorFlow Playground's exact replay.
  const leaving = state.settings.tfpSeed !== '' && 'seed' in patch && !('tfpSeed' in patch);
  const plan = planChange(state.settings, leaving ? { ...patch, tfpSeed: '' } : patch, state.catalog);
  tell(core, said, plan.note);
  if (leaving) core.notice.set('No longer TensorFlow Playground-exact', ['A new seed: the run is this playground’s own from now on']);
  if (plan.kind === 'none') return;
  if (plan.kind === 'view') return core.commit(plan.next);
  const catalog = state.catalog;
  const configure = (s: Settings): Request => {
    const { points, heldOut } = s === plan.next ? plan : planChange(state.settings, s, catalog); // new points are sent with it
    return { kind: 'configure', patch: toConfig(s), ...(points ? { points, heldOut } : {}) };
  };
  const tried = await replayOrLeave(core, plan.next, configure);
  if (tried.left) {
    // Said with what the caller and the fit had to say, in one notice.
    const left = `No longer TensorFlow Playground-exact: ${tried.left}`;
    if (said.lines.length || plan.note) tell(core, said, plan.note ? `${plan.note}; ${left}` : left);
    else core.notice.set('No longer TensorFlow Playground-exact', [tried.left]);
  }
  const snap = tried.snap ?? (await link.request(configure(tried.settings)));
  state.settings = tried.settings;
  core.receive(snap);
  core.commit(state.settings);
}

// A lesson's preset: its configuration, points and weights from epoch 0; the
// view settings stay (from `base`). The settings change once the engine has it.
export async function loadLessonNow({ core, link }: Parts, lesson: Lesson, variant: LessonVariant, base: Settings): Promise<void> {
  const { state } = core;
  if (!state.catalog || !state.port) return;
  state.running = false;
  const next = reconcile({ ...base, ...lessonSettings(lesson, variant) }, state.catalog).settings;
  const snap = await link.request(presetRequest(variant));
  state.settings = next;
  core.receive(snap);
  core.commit(state.settings);
}

// After a model file: the settings become what the engine now runs.
export function adoptEngineConfig(core: Core, snap: Snapshot): void {
  const { state } = core;
  if (!state.catalog) return;
  const own = snap.config.dataset === 'custom' && state.points ? pointsText(state.points) : '';
  core.commit(reconcile({ ...state.settings, ...settingsFromConfig(snap.config), points: own, lesson: '', variant: '' }, state.catalog).settings);
}

// The engine is there: the settings asked for are checked and sent (a
// lesson link nobody changed loads the preset itself). Returns the notices.
export async function start({ core, link }: Parts, engine: SessionPort, catalog: Catalog, first: Snapshot, notices: string[]): Promise<string[]> {
  const { state } = core;
  state.port = engine;
  state.catalog = catalog;
  core.receive(first);
  const fixed = reconcile(state.settings, catalog);
  state.settings = fixed.settings;
  const out = [...notices];
  if (fixed.note) out.push(fixed.note);
  const preset = isUnchangedPreset(state.settings) ? lessonOf(state.settings) : null;
  const configure = (s: Settings): Request => ({ kind: 'configure', patch: toConfig(s), ...(s.dataset === 'custom' ? enginePoints(s.points) : {}) });
  const tried = preset ? { settings: state.settings } : await replayOrLeave(core, state.settings, configure);
  state.settings = tried.settings;
  if (tried.left) out.push(`No longer TensorFlow Playground-exact: ${tried.left}`);
  if (tried.snap) core.receive(tried.snap);
  const ok = tried.snap ?? (preset ? await link.call(presetRequest(preset.variant)) : await link.call(configure(state.settings)));
  if (!ok) {
    out.push(`The engine refused the combination (${state.refusal}); the default settings are used`);
    state.settings = reconcile(defaults(), catalog).settings;
    await link.call({ kind: 'configure', patch: toConfig(state.settings) });
  }
  core.writeHash();
  return out;
}

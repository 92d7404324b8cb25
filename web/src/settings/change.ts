// What one change of the settings means for the engine: the settings that
// result, which kind of change it is, the points to send with it, and what
// the page must say about it. Pure, so it can be checked in Node.
import { DEFAULT_OUTPUT } from '../engine/outputs';
import { changeKind, reconcile, type ChangeKind } from './config';
import { taskOf, type TaskCatalog } from '../shared/task';
import { enginePoints, type PointRow } from './points-codec';
import type { Settings } from './schema';

export interface ChangePlan {
  next: Settings;
  kind: ChangeKind;
  points?: PointRow[]; // new custom points, sent with the configuration in one engine call
  heldOut?: number[]; // their split (1 = test point) when the points' text has one
  note: string; // a setting the page had to change to fit, and why ('' when none)
}

export function planChange(current: Settings, patch: Partial<Settings>, catalog: TaskCatalog): ChangePlan {
  const next: Settings = { ...current, ...patch };
  if (next.dataset !== 'custom') next.points = '';
  // A new kind of task starts from its usual output pair (unless the change names one).
  const task = taskOf(next, catalog);
  if (patch.output === undefined && task !== taskOf(current, catalog)) next.output = DEFAULT_OUTPUT[task];
  const fitted = reconcile(next, catalog);
  const kind = changeKind(current, fitted.settings);
  const points = fitted.settings.dataset === 'custom' && fitted.settings.points !== current.points ? enginePoints(fitted.settings.points) : {};
  return { next: fitted.settings, kind, ...points, note: fitted.note };
}

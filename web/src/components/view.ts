// What every component draws from, and what it may ask for.
import type { ActivationId, Catalog, CsvResult, HiddenSpace, MapsDescription } from '../engine/types';
import type { Settings } from '../settings/schema';
import type { PointsData, Snapshot } from '../worker/protocol';
import type { HistoryData } from '../shared/history-data';

export interface View {
  settings: Settings;
  catalog: Catalog;
  snapshot: Snapshot;
  points: PointsData;
  history: HistoryData;
  running: boolean;
  addLabel: number; // class (or value) of points added by clicking
  focusLabel: string | null; // the neuron shown in the big map instead of the output
  compare?: { history: HistoryData }; // side B of a comparison (same epochs: lockstep)
}

export interface Actions {
  set(patch: Partial<Settings>): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  regenerate(): void;
  addPoint(x: number, y: number, label: number): void;
  movePoint(index: number, x: number, y: number): void;
  removePoint(index: number): void;
  importCsv(text: string): Promise<CsvResult>;
  exportCsv(): Promise<string>;
  setWeight(layer: number, to: number, from: number, value: number): void;
  setBias(layer: number, neuron: number, value: number): void;
  focus(map: number | null, label?: string): void;
  activationCurve(id: ActivationId, alpha: number, z: Float64Array): Promise<{ value: Float64Array; derivative: Float64Array }>;
  datasetPreview(): Promise<{ id: string; points: PointsData }[]>;
  // The data seen from units u1, u2 of hidden layer `layer` (see HiddenSpace); null when refused.
  hiddenSpace(layer: number, u1: number, u2: number, n: number): Promise<HiddenSpace | null>;
  // Every map summarised by the engine as the pictures show it (engine/map_summary.hpp); null when refused.
  describe(): Promise<{ description: MapsDescription; epoch: number } | null>;
}

export interface Component {
  element: HTMLElement;
  update(view: View): void;
  // Before the engine's first answer: draws what the settings alone give
  // (the controls, the diagram's neurons, the empty plane); update() follows.
  preview?(settings: Settings): void;
  destroy?(): void;
}

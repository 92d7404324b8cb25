// Loading a lesson's preset into a playground: its configuration, its points
// and its weights, at epoch 0. The worker does it from the preset as data
// (worker/protocol.ts `lesson`); the engine checks every part of it.
import type { Playground, PlaygroundConfig } from '../engine/types';
import { MODEL_FORMAT, MODEL_SCHEMA, type ModelLayer } from './pytorch';

// A point of a custom data set: x, y, label (a class index, or a value for regression).
export type LessonPoint = [number, number, number];

// Weights in the engine's model-file layout, first weight layer first:
// weights[i][j] connects input j to neuron i.
export interface PresetWeights {
  layers: ModelLayer[];
}

// What the engine needs of a preset.
export interface PresetData {
  config: PlaygroundConfig;
  points?: LessonPoint[];
  weights?: PresetWeights;
}

// The model file (engine/model_io.hpp) of a preset with its own weights, for importModel.
export function presetModelJson(preset: PresetData): string {
  if (!preset.weights) throw new Error('this preset has no weights of its own');
  return JSON.stringify({
    format: MODEL_FORMAT,
    schema: MODEL_SCHEMA,
    config: preset.config,
    epoch: 0,
    steps: 0,
    layers: preset.weights.layers,
    ...(preset.points ? { points: preset.points.map(([x, y, label]) => [x, y, label, 0]) } : {}),
  });
}

// Puts a preset into a playground. Throws the engine's Error if the engine
// refuses it; with weights, the whole preset loads or nothing changes.
export function applyPreset(playground: Pick<Playground, 'configure' | 'setPoints' | 'importModel' | 'reset'>, preset: PresetData): void {
  if (preset.weights) {
    playground.importModel(presetModelJson(preset));
    return;
  }
  playground.configure(preset.config);
  if (preset.points) playground.setPoints(preset.points);
  playground.reset();
}

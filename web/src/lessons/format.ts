// The lesson file format (docs/lesson-format.md): the shapes a lesson file is
// read into, the goal kinds, and the limits on every size and count. A lesson
// file is JSON; parse-lesson.ts reads it and says where it is wrong.
import { ENGINE } from '../engine/description.generated';
import type { LessonPoint, PresetData } from '../courses/preset-load';
import type { FeatureId } from '../engine/types';
import type { SettingId, Settings } from '../settings/schema';

// The file's `nnPlaygroundLesson`: the version of the format it is written in.
export const LESSON_FORMAT_VERSION = 1;

export const GOAL_KINDS = ['testLossBelow', 'trainLossBelow', 'accuracyAbove', 'maxHiddenNeurons', 'onlyFeatures', 'noRegularization', 'diverge'] as const;

// One goal of an exercise; every goal of a lesson must hold at once.
export type Goal = { label?: string } & (
  | { kind: 'testLossBelow' | 'trainLossBelow'; value: number; withinEpochs?: number }
  | { kind: 'accuracyAbove'; value: number; on: 'test' | 'train'; withinEpochs?: number }
  | { kind: 'maxHiddenNeurons'; value: number }
  | { kind: 'onlyFeatures'; features: FeatureId[] }
  | { kind: 'noRegularization' }
  | { kind: 'diverge'; withinEpochs?: number }
);

// One preset of a lesson: a button on the lesson card. `config`, `points` and
// `weights` (courses/preset-load.ts) are what the worker loads.
export interface LessonVariant extends PresetData {
  id: string; // [a-z0-9-], unique within its lesson
  label: string; // the button's text
  settings: Settings; // the file's settings for it (the lesson's, then the preset's, over the defaults) without points
  epochs: number; // how long the preset's outcome takes to show
  expect: string; // what this preset shows
}

export interface Lesson {
  id: string;
  number?: number; // the built-in lessons' order, 1..10
  title: string;
  summary: string; // the file's `text`: paragraphs separated by a blank line
  tryThis: string[];
  expect: string;
  variants: LessonVariant[]; // the file's presets, the lesson's own first
  compare?: { a: string; b: string }; // two presets' ids, shown side by side
  controls: { locked: SettingId[]; hidden: string[] };
  goals: Goal[];
}

// Every size and count a lesson file may have.
export const LESSON_LIMITS = {
  maxBytes: 1_048_576, // 1 MB: a fetched file in bytes, a given text in UTF-16 units (never more than its UTF-8 bytes)
  maxDepth: 16, // nesting of arrays and objects (the deepest real one, weights, is 6)
  maxIdChars: 40,
  maxTitleChars: 200, // a title, a preset's label, a goal's label
  maxTextChars: 20_000, // the text, an expectation, a try
  maxTryThis: 12,
  maxPresets: 16,
  maxSettings: 100, // keys in one settings object
  maxGoals: 8,
  maxLessonNumber: 10,
  maxPresetEpochs: ENGINE.limits.maxEpochsPerCall,
  maxPoints: ENGINE.ranges.samples.max,
  maxWeightLayers: ENGINE.ranges.hidden_layers.max + 1,
  maxLayerSize: 64, // rows or columns of one weight layer (wider than any network the engine builds)
  maxGoalEpochs: 1_000_000,
} as const;

export const LESSON_ID = /^[a-z0-9-]{1,40}$/;

// The engine's summaries of the maps (engine/map_summary.hpp) in words for a
// screen reader: the page only words them, every number is the engine's count
// over the grid the picture is painted from. No DOM here (Node tests read it).
import { ENGINE } from '../engine/description.generated';
import type { MapRegion, MapSummary } from '../engine/types';
import { classColors, type Palette, type RGB } from '../render/colors';
import { formatValue } from './dom';

const SHAPES = new Map<string, string>(ENGINE.mapShapes.shapes.map((s) => [s.id, s.words]));

// Whole per cent of `whole` (0 when there is nothing to count).
const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((100 * part) / whole) : 0);

// Where a region lies: its shape's words, with its patches when it has no simple shape.
function whereWords(r: MapRegion): string {
  const words = SHAPES.get(r.shape) ?? r.shape;
  return r.shape === 'irregular' && r.patches > 1 ? `${words} in ${r.patches} patches` : words;
}

// A colour's everyday name, from its hue, so a class is named as the picture shows it.
function colourName([r, g, b]: RGB): string {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max < 60) return 'black';
  if (max - min < 30) return max > 200 ? 'white' : 'grey';
  const d = max - min;
  const hue = (max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60;
  const names: [number, string][] = [
    [15, 'red'],
    [45, 'orange'],
    [70, 'yellow'],
    [165, 'green'],
    [200, 'cyan'],
    [255, 'blue'],
    [290, 'purple'],
    [340, 'pink'],
    [360, 'red'],
  ];
  return names.find(([upTo]) => hue < upTo)?.[1] ?? 'red';
}

// "class 1 (blue)" for each of `classes` classes, in the palette the map is painted with.
export function classNames(classes: number, palette: Palette): string[] {
  return classColors(palette, classes).map((c, k) => `class ${k} (${colourName(c)})`);
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function sideWords(what: string, side: { points: number; onSide: number } | undefined): string | null {
  if (!side || side.points === 0) return null;
  return `${percent(side.onSide, side.points)} % of ${what} points (${side.onSide} of ${side.points})`;
}

// The decision map: each class's share and place, largest first, and the points on their side.
export function describeDecision(s: MapSummary, names: string[]): string {
  const px = s.n * s.n;
  if (s.notFinite === px) return 'The map has no values: the network diverged.';
  if (!s.classes) return describeValues(s, 'The output');
  const order = s.regions.map((r, k) => ({ r, k })).sort((a, b) => b.r.pixels - a.r.pixels || a.k - b.k);
  const parts = order
    .filter(({ r }) => r.pixels > 0)
    .map(
      ({ r, k }, i) =>
        `${i === 0 ? capital(names[k] ?? `class ${k}`) : (names[k] ?? `class ${k}`)} covers ${percent(r.pixels, px)} % of the plane, ${whereWords(r)}`,
    );
  const absent = order.filter(({ r }) => r.pixels === 0).map(({ k }) => names[k] ?? `class ${k}`);
  let text = `${parts.join('; ')}.`;
  if (absent.length) text += ` ${capital(absent.join(', '))} nowhere.`;
  if (s.notFinite > 0) text += ` ${percent(s.notFinite, px)} % of the plane has no value.`;
  const sides = [sideWords('test', s.test), sideWords('training', s.train)].filter((x): x is string => x !== null);
  if (sides.length) text += ` ${capital(sides.join(' and '))} are on their class's side.`;
  return text;
}

// A map of values: its range, and where it is above its middle.
export function describeValues(s: MapSummary, subject: string): string {
  const px = s.n * s.n;
  if (s.low === null || s.high === null) return `${subject}: no values, the network diverged.`;
  const above = s.regions[1];
  const range = s.low === s.high ? `${subject}: ${formatValue(s.low)} everywhere` : `${subject}: values from ${formatValue(s.low)} to ${formatValue(s.high)}`;
  if (!above || above.pixels === 0 || above.pixels === px) return `${range}.`;
  return `${range}; above ${formatValue(s.middle)} on ${percent(above.pixels, px)} % of the plane, ${whereWords(above)}.`;
}

// A softmax output's map: where its class wins.
export function describeWins(s: MapSummary, subject: string): string {
  const px = s.n * s.n;
  const wins = s.regions[1];
  if (!wins || s.low === null || s.high === null) return `${subject}: no values, the network diverged.`;
  return `${subject}: wins on ${percent(wins.pixels, px)} % of the plane, ${whereWords(wins)}; its probability runs from ${formatValue(s.low)} to ${formatValue(s.high)}.`;
}

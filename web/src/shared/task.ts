// The task rule, stated once: what a data set asks for (two classes, more, or
// values) and which outputs fit it, from the engine's description. Imports
// nothing of the page's, so the course modules can use it too.
import type { Task } from '../engine/outputs';
import type { Catalog, OutputId } from '../engine/types';

// The settings the task depends on (a part of the page's Settings).
export type TaskSettings = { dataset: string; problem: string; classes: number };

// The part of the engine's catalog these rules read.
export type TaskCatalog = {
  datasets: readonly Pick<Catalog['datasets'][number], 'id' | 'problem' | 'anyClasses'>[];
  outputs: readonly Pick<Catalog['outputs'][number], 'id' | 'classification' | 'regression' | 'multiclass' | 'noHiddenLayers'>[];
};

export function taskOf(s: TaskSettings, catalog: TaskCatalog): Task {
  const ds = catalog.datasets.find((d) => d.id === s.dataset);
  const problem = s.dataset === 'custom' ? s.problem : (ds?.problem ?? 'classification');
  if (problem === 'regression') return 'regression';
  const classes = ds?.anyClasses ? s.classes : 2;
  return classes > 2 ? 'multiclass' : 'binary';
}

export function classCount(s: TaskSettings, catalog: TaskCatalog): number {
  const task = taskOf(s, catalog);
  return task === 'regression' ? 0 : task === 'binary' ? 2 : s.classes;
}

// Output pairs the engine accepts for the task (and the network: a
// single-neuron output such as the perceptron only without hidden layers).
export function validOutputs(task: Task, hiddenLayers: number, catalog: TaskCatalog): OutputId[] {
  return catalog.outputs
    .filter((o) => (task === 'regression' ? o.regression : task === 'binary' ? o.classification : o.multiclass))
    .filter((o) => !o.noHiddenLayers || hiddenLayers === 0)
    .map((o) => o.id as OutputId);
}

// The output (unit and loss) a task starts with: shared by the settings, which
// fall back to it when a change of data leaves the output unfit, and by the
// worker, which draws each data set's thumbnail with it.
import { ENGINE } from './description.generated';
import type { OutputId } from './types';

export type Task = 'binary' | 'multiclass' | 'regression';

// The engine's (TensorFlow Playground's pairs where they apply).
export const DEFAULT_OUTPUT: Record<Task, OutputId> = ENGINE.defaultOutputs;

// The history's columns, from the engine's description (engine/history.hpp,
// engine/flow.hpp): the only place the page names them. A column renamed in
// the engine changes BaseHistoryColumn, and every chart that asks for the old
// name stops type-checking instead of drawing nothing.
import { ENGINE } from './description.generated';

export type BaseHistoryColumn = (typeof ENGINE.history.columns)[number]['id'];

// The columns every history starts with, in the engine's order.
export const BASE_HISTORY_COLUMNS: readonly BaseHistoryColumn[] = ENGINE.history.columns.map((c) => c.id);

// The per-layer columns: gradient size per weight layer, saturation per hidden layer.
export const GRAD_RMS_PREFIX = ENGINE.history.gradRms.prefix;
export const SATURATION_PREFIX = ENGINE.history.saturation.prefix;

// The series the loss and accuracy charts draw.
export const LOSS_COLUMNS: readonly BaseHistoryColumn[] = ['train_loss', 'test_loss'];
export const ACCURACY_COLUMNS: readonly BaseHistoryColumn[] = ['train_accuracy', 'test_accuracy'];

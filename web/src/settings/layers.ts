// The activation of hidden layer i: the settings list one per layer, or fewer
// (one value: the same for all), the last one standing for the layers after it.
import { ENGINE } from '../engine/description.generated';
import type { ActivationId } from '../engine/types';

export function layerActivation(s: { activation: readonly ActivationId[] }, i: number): ActivationId {
  return s.activation[i] ?? s.activation[s.activation.length - 1] ?? ENGINE.defaults.hidden[0].activation;
}

// The activation of every hidden layer.
export function layerActivations(s: { activation: readonly ActivationId[]; networkShape: readonly number[] }): ActivationId[] {
  return s.networkShape.map((_, i) => layerActivation(s, i));
}

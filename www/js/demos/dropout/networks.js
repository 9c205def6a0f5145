// The dropout lab's settings and networks: the URL schema, the rates swept, the three placements
// of dropout around the BN layer, and the small net built for each. No DOM.
import { trainConfig } from '../../lib/training.js';

/** The dropout rates every placement is trained with (0.25: the largest uniform noise can match). */
export const PS = [0, 0.1, 0.25, 0.3, 0.5];

export const SCHEMA = {
  p: { type: 'float', min: 0, max: 0.9, default: 0.5 },
  beta: { type: 'float', min: 0, max: 1, default: 0.5 },
  steps: { type: 'int', min: 50, max: 1000, default: 200 },
  detail: { type: 'enum', values: PS.map(String), default: '0.5' },
  seed: { type: 'int', min: 1, max: 50, default: 1 },
};

/** [key, name, swatch class, line colour, short name] of each placement of dropout. */
export const VARIANTS = [
  ['before', 'dropout before BN', 'c-blue', '--cat-blue', 'before BN'],
  ['after', 'remedy 1: dropout only after the last BN block', 'c-orange', '--cat-vermillion', 'remedy 1: after last BN'],
  ['uniform', 'remedy 2: uniform noise before BN at dropout’s noise variance (β²/3 = p/(1 − p), β at most 1)', 'c-green', '--cat-green', 'remedy 2: uniform noise, equal noise'],
];

/**
 * flatten → dense 64 → ReLU → [dropout] → dense 32 → BN → ReLU → [dropout] → dense 10; `beta`: the
 * uniform noise's half-width (the core's matchedUniformNoise(p).beta).
 */
export function model(input, variant, p, seed, beta) {
  const drop = { kind: 'dropout', dropout: variant === 'uniform' ? { kind: 'uniformNoise', beta } : { kind: 'inverted', p } };
  const layers = [{ kind: 'flatten' }, { kind: 'dense', outFeatures: 64 }, { kind: 'activation', activation: { kind: 'relu' } }];
  if (variant !== 'after') layers.push(drop);
  layers.push({ kind: 'dense', outFeatures: 32 }, { kind: 'batchNorm' }, { kind: 'activation', activation: { kind: 'relu' } });
  if (variant === 'after') layers.push(drop);
  layers.push({ kind: 'dense', outFeatures: 10 });
  return { input, seed, layers };
}

/** SGD with momentum 0.9 at 0.05, batches of 32. */
export const trainSettings = (seed) => trainConfig({ optimizer: 'momentum', lr: 0.05, batch: 32, seed });

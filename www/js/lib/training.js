// The training settings every page gives the core's Trainer, written once:
//   trainConfig({ optimizer: 'sgd' | 'momentum' | 'adam', lr, batch, wd = 0, seed })
//   → { optimizer: { kind, lr, momentum?, weightDecay }, batchSize, seed }
// ('momentum' is SGD with momentum 0.9.)

/** The core's trainConfig for the pages' optimiser settings. */
export function trainConfig({ optimizer, lr, batch, wd = 0, seed }) {
  const opt = optimizer === 'adam'
    ? { kind: 'adam', lr, weightDecay: wd }
    : { kind: 'sgd', lr, momentum: optimizer === 'momentum' ? 0.9 : 0, weightDecay: wd };
  return { optimizer: opt, batchSize: batch, seed };
}

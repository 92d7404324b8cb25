// The loss history as CSV and the names of downloaded files.
import { describe, expect, it } from 'vitest';
import { HISTORY_HEADER, csvNumber, downloadName, historyCsv } from '../../web/src/components/history-csv';

describe('historyCsv', () => {
  it('writes the header and one row per epoch, numbers exactly', () => {
    const csv = historyCsv({
      epoch: [1, 2, 3],
      train_loss: [0.5, 0.25, 0.1 + 0.2],
      test_loss: [0.6, 0.3, 1e-12],
      train_accuracy: [0.5, 0.75, 1],
      test_accuracy: [0.4, 0.7, 0.95],
    });
    expect(csv).toBe(`${HISTORY_HEADER}\n1,0.5,0.6,0.5,0.4\n2,0.25,0.3,0.75,0.7\n3,0.30000000000000004,1e-12,1,0.95\n`);
    const rows = csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',').map(Number));
    expect(rows[2]![1]).toBe(0.1 + 0.2); // reads back as the same double
  });

  it('leaves missing values empty (no test set, regression) and writes inf for a diverged loss', () => {
    const csv = historyCsv({ epoch: [1, 2], train_loss: [0.1, Infinity], test_loss: [NaN, NaN], train_accuracy: [NaN, NaN], test_accuracy: [NaN, NaN] });
    expect(csv.split('\n')).toEqual([HISTORY_HEADER, '1,0.1,,,', '2,inf,,,', '']);
    expect(csvNumber(-Infinity)).toBe('-inf');
  });

  it('writes every column by name, so a new series needs no change here', () => {
    const csv = historyCsv({
      epoch: [1],
      train_loss: [0.5],
      test_loss: [0.6],
      train_accuracy: [1],
      test_accuracy: [1],
      grad_rms_0: [0.002],
      saturation_0: [NaN],
    });
    expect(csv).toBe(`${HISTORY_HEADER},grad_rms_0,saturation_0\n1,0.5,0.6,1,1,0.002,\n`);
  });

  it('has only the header before any training', () => {
    expect(historyCsv({ epoch: [], train_loss: [], test_loss: [], train_accuracy: [], test_accuracy: [] })).toBe(`${HISTORY_HEADER}\n`);
  });
});

describe('downloadName', () => {
  it('names each file by what, data set and epoch', () => {
    expect(downloadName('model', 'xor', 12)).toBe('nn-playground-xor-epoch12.json');
    expect(downloadName('decision', 'multi_spiral', 0)).toBe('nn-playground-multi_spiral-epoch0.png');
    expect(downloadName('history', 'circle', 7)).toBe('nn-playground-circle-history.csv');
    expect(downloadName('pytorch', 'reg_plane', 3)).toBe('nn_playground_reg_plane_epoch3.py');
    expect(downloadName('model', '../x y', 1)).toBe('nn-playground-xy-epoch1.json');
  });
});

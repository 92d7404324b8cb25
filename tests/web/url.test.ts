// The URL hash: our own links, TensorFlow Playground's links, and garbage.
import { describe, expect, it } from 'vitest';
import { toConfig } from '../../web/src/settings/config';
import { SCHEMA, SETTING_IDS, defaults, type Settings } from '../../web/src/settings/schema';
import { fnv1a32, parseSeed } from '../../web/src/settings/seed';
import { IGNORED_TITLE, REPLAY_TITLE, linkNotice, parseHash, toHash } from '../../web/src/settings/url';

const TF_LINK =
  '#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.12345&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

describe('an empty hash', () => {
  it('gives the defaults and no notice', () => {
    for (const hash of ['', '#', '#&&']) {
      const r = parseHash(hash);
      expect(r.notices).toEqual([]);
      expect(r.settings).toEqual(defaults());
    }
  });
});

describe('TensorFlow Playground links', () => {
  it('open the default TensorFlow Playground link with the same settings', () => {
    const { settings, notices, info } = parseHash(TF_LINK);
    // Nothing of the link was ignored: the replay is information, not a warning.
    expect(notices).toEqual([]);
    expect(info).toEqual(['TensorFlow Playground link: seed 0.12345 is replayed exactly (its points, split, weights and updates)']);
    expect(settings.dataset).toBe('circle');
    expect(settings.activation).toEqual(['tanh']);
    expect(settings.batchSize).toBe(10);
    expect(settings.learningRate).toBe(0.03);
    expect(settings.regularizationRate).toBe(0);
    expect(settings.noise).toBe(0);
    expect(settings.networkShape).toEqual([4, 2]);
    expect(settings.percTrainData).toBe(50);
    expect(settings.features).toEqual(['x1', 'x2']);
    expect(settings.showTestData).toBe(false);
    expect(settings.discretize).toBe(false);
    expect(settings.init).toBe('tfp');
    expect(settings.output).toBe('tanh_mse'); // TF classification: tanh output, squared error
    const config = toConfig(settings);
    expect(config.noise).toBe(0);
    expect(config.train_ratio).toBe(0.5);
    expect(config.hidden).toEqual([
      { width: 4, activation: 'tanh' },
      { width: 2, activation: 'tanh' },
    ]);
  });

  it('keep the seed text as written for the exact replay, with its point count and no reshuffling', () => {
    const { settings } = parseHash(TF_LINK);
    expect(settings.tfpSeed).toBe('0.12345');
    expect(settings.samples).toBe(500);
    expect(settings.shuffle).toBe(false);
    expect(toConfig(settings).tfp_seed).toBe('0.12345');
    // Our own link of that state keeps it, and says nothing more.
    const again = parseHash(toHash(settings));
    expect(again.settings.tfpSeed).toBe('0.12345');
    expect(again.notices).toEqual([]);
    // A regression link: TensorFlow Playground's 1200 points.
    expect(parseHash('#problem=regression&regDataset=reg-gauss&seed=0.5').settings.samples).toBe(1200);
    // Our own seeds are not TensorFlow Playground's: no replay.
    expect(parseHash('#seed=42').settings.tfpSeed).toBe('');
  });

  it('map a seed such as 0.12345 deterministically to a uint32', () => {
    const a = parseHash(TF_LINK).settings.seed;
    const b = parseHash(TF_LINK).settings.seed;
    expect(a).toBe(b);
    expect(a).toBe(fnv1a32('0.12345'));
    expect(Number.isInteger(a) && a >= 0 && a <= 0xffffffff).toBe(true);
    expect(parseSeed('0.54321')).not.toBe(a);
    expect(parseSeed('42')).toBe(42); // our own seeds are whole numbers
    expect(parseSeed('4294967295')).toBe(4294967295);
    expect(parseSeed('abc')).toBeUndefined();
    // FNV-1a reference values
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });

  it('scale noise (0..50) and percTrainData to the engine', () => {
    const s = parseHash('#noise=35&percTrainData=70&dataset=xor').settings;
    const c = toConfig(s);
    expect(c.noise).toBeCloseTo(0.35, 12);
    expect(c.train_ratio).toBeCloseTo(0.7, 12);
    expect(c.dataset).toBe('xor');
  });

  it('pick regDataset for regression, with a linear output', () => {
    const s = parseHash('#dataset=circle&regDataset=reg-gauss&problem=regression').settings;
    expect(s.dataset).toBe('reg_gauss');
    expect(s.output).toBe('linear_mse');
    const c = parseHash('#dataset=spiral&regDataset=reg-plane&problem=classification').settings;
    expect(c.dataset).toBe('spiral');
  });

  it('read the feature flags, activations, regularization names and initZero', () => {
    const s = parseHash('#x=false&y=true&xSquared=true&sinX=true&cosY=true&activation=relu&regularization=L2&initZero=true').settings;
    expect(s.features).toEqual(['x2', 'x1sq', 'sin_x1', 'cos_x2']);
    expect(s.activation).toEqual(['relu']);
    expect(s.regularization).toBe('l2');
    expect(s.init).toBe('zeros');
    for (const a of ['relu', 'tanh', 'sigmoid', 'linear']) expect(parseHash(`#activation=${a}`).settings.activation).toEqual([a]);
  });

  it('hide controls named by *_hide keys', () => {
    const r = parseHash('#learningRate_hide=true&dataset_hide=true&noise_hide=false&x_hide=true');
    expect(r.notices).toEqual([]);
    expect(new Set(r.settings.hide)).toEqual(new Set(['learningRate', 'dataset', 'x']));
    expect(toHash(r.settings)).toContain('hide=learningRate,dataset,x');
    expect(parseHash(toHash(r.settings)).settings.hide).toEqual(r.settings.hide);
  });
});

describe('garbage', () => {
  it('is ignored with a notice naming each bad key, and defaults used', () => {
    const { settings, notices } = parseHash(
      '#learningRate=fast&networkShape=4,x&dataset=moon&activation=swish&noise=-5&batchSize=2.5&seed=abc&bogus=1&features=x1,x1&x_hide=maybe',
    );
    expect(settings).toEqual(defaults());
    const text = notices.join('\n');
    for (const key of [
      'learningRate=fast',
      'networkShape=4,x',
      'dataset=moon',
      'activation=swish',
      'noise=-5',
      'batchSize=2.5',
      'seed=abc',
      'bogus',
      'features=x1,x1',
      'x_hide=maybe',
    ])
      expect(text).toContain(key);
    expect(notices).toHaveLength(10);
  });

  it('survives undecodable escapes, huge input, NaN and Infinity', () => {
    const r = parseHash(`#learningRate=%E0%A4%A&noise=NaN&samples=Infinity&${'a'.repeat(5000)}=1&seed=1e400`);
    expect(r.settings).toEqual(defaults());
    expect(r.notices.length).toBe(5);
    expect(r.notices.every((n) => n.length < 200)).toBe(true);
  });

  it('refuses out-of-range values at the schema limits', () => {
    expect(parseHash('#networkShape=33').settings.networkShape).toEqual([4, 2]);
    expect(parseHash('#networkShape=1,1,1,1,1,1,1,1,1').settings.networkShape).toEqual([4, 2]);
    expect(parseHash('#networkShape=').settings.networkShape).toEqual([]); // no hidden layer is valid
    expect(parseHash('#learningRate=0').settings.learningRate).toBe(0.03);
    expect(parseHash('#learningRate=100').settings.learningRate).toBe(100);
    expect(parseHash('#percTrainData=95').settings.percTrainData).toBe(50);
    expect(parseHash('#classes=7').settings.classes).toBe(3);
  });
});

describe('our own links', () => {
  const changed: Settings = {
    ...defaults(),
    dataset: 'multi_spiral',
    classes: 4,
    samples: 1000,
    noise: 15,
    percTrainData: 70,
    seed: 123456789,
    showTestData: true,
    features: ['x1', 'x2', 'x1x2', 'sin_x2'],
    networkShape: [8, 6, 3],
    activation: ['relu', 'tanh', 'gelu'],
    output: 'softmax_ce',
    init: 'he_normal',
    optimizer: 'adam',
    learningRate: 0.003,
    beta1: 0.8,
    beta2: 0.99,
    epsilon: 1e-7,
    batchSize: 32,
    regularization: 'l1',
    regularizationRate: 0.001,
    shuffle: false,
    epochsPerFrame: 5,
    discretize: true,
    palette: 'colorblind',
    lossScale: 'log',
  };

  it('round-trip every setting that matters', () => {
    const hash = toHash(changed);
    const back = parseHash(hash);
    expect(back.notices).toEqual([]);
    expect(back.settings).toEqual(changed);
    expect(toHash(back.settings)).toBe(hash);
  });

  it('round-trip the defaults', () => {
    expect(parseHash(toHash(defaults())).settings).toEqual(defaults());
  });

  it('leave out settings that do not apply (momentum with Adam)', () => {
    const hash = toHash(changed);
    expect(hash).not.toContain('momentum=');
    expect(hash).not.toContain('rho=');
    expect(hash).toContain('beta1=0.8');
  });

  it('keep the activation list consistent with the layers', () => {
    expect(parseHash('#networkShape=3,3,3&activation=relu,tanh').settings.activation).toEqual(['relu', 'tanh', 'tanh']);
    expect(parseHash('#networkShape=3&activation=relu,tanh').settings.activation).toEqual(['relu']);
  });

  it('every schema entry has a URL key, a label, help text and a default it accepts', () => {
    const keys = new Set<string>();
    for (const id of SETTING_IDS) {
      const spec = SCHEMA[id];
      expect(spec.key).toMatch(/^[A-Za-z0-9]+$/);
      expect(keys.has(spec.key)).toBe(false);
      keys.add(spec.key);
      expect(spec.label.length).toBeGreaterThan(0);
      expect(spec.help.length).toBeGreaterThan(5);
      expect((spec.check as (v: unknown) => boolean)(spec.default)).toBe(true);
    }
  });
});

describe('outputs chosen by the link', () => {
  it('a regression data set without an output gets the linear pair', () => {
    expect(parseHash('#dataset=reg_plane').settings.output).toBe('linear_mse');
    expect(parseHash('#dataset=reg_plane&output=tanh_mse').settings.output).toBe('tanh_mse');
    expect(parseHash('#dataset=circle').settings.output).toBe('tanh_mse');
  });

  it('names a key given more than once, with every value, and reads the last', () => {
    const { settings, notices } = parseHash('#dataset=xor&dataset=spiral&dataset=circle');
    expect(settings.dataset).toBe('circle');
    expect(notices).toEqual(['dataset is given 3 times (xor, spiral, circle); only the last is read']);
  });

  it('says when an activation list does not match the layers', () => {
    const longer = parseHash('#networkShape=4,4&activation=relu,tanh,sigmoid');
    expect(longer.settings.activation).toEqual(['relu', 'tanh']);
    expect(longer.notices).toEqual(['activation=relu,tanh,sigmoid: 3 activations for 2 hidden layers; the first 2 are used']);
    const shorter = parseHash('#networkShape=4,4,4&activation=relu,tanh');
    expect(shorter.settings.activation).toEqual(['relu', 'tanh', 'tanh']);
    expect(shorter.notices).toEqual(['activation=relu,tanh: 2 activations for 3 hidden layers; the last, tanh, is used for the rest']);
    expect(parseHash('#networkShape=4,4&activation=relu').notices).toEqual([]);
  });
});

describe('the notice a link opens with', () => {
  it('is information titled as a replay when the seed is replayed and nothing was ignored', () => {
    const r = parseHash(TF_LINK);
    expect(linkNotice(r.notices, r.info)).toEqual({ title: REPLAY_TITLE, lines: r.info, kind: 'info' });
    expect(REPLAY_TITLE).not.toMatch(/ignored|changed/);
  });

  it('says "ignored or changed" only when something was, listing the replay after it', () => {
    const r = parseHash(TF_LINK.replace('learningRate=0.03', 'learningRate=abc'));
    expect(r.notices).toEqual(['learningRate=abc: not a valid learning rate']);
    expect(linkNotice(r.notices, r.info)).toEqual({ title: IGNORED_TITLE, lines: [...r.notices, ...r.info], kind: 'warning' });
    expect(linkNotice([], [])).toBeNull();
    const own = parseHash('#dataset=xor&learningRate=0.1');
    expect(linkNotice(own.notices, own.info)).toBeNull();
  });
});

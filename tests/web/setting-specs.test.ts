// The settings table against the engine's description: every range the engine
// describes has a control, every configuration field a setting, and each
// setting's role (what a change rebuilds, where it is shown, what side B of a
// comparison may change) follows from its group alone.
import { describe, expect, it } from 'vitest';
import { ENGINE } from '../../web/src/engine/description.generated';
import { COMPARE_KEYS } from '../../web/src/settings/compare';
import { changeKind, toConfig } from '../../web/src/settings/config';
import { getPath, scaled } from '../../web/src/settings/engine-fields';
import { settingsFromConfig } from '../../web/src/settings/lesson';
import { ENGINE_SETTINGS, SCHEMA, SETTING_IDS, defaults, settingsIn, type SettingId, type Settings } from '../../web/src/settings/schema';

// The ranges each setting's control offers: its configuration field's, and any it names.
function rangesOf(id: SettingId): string[] {
  const spec = SCHEMA[id];
  const own = spec.config ? [spec.config.path.split('.').pop() ?? ''] : [];
  return [...own, ...(spec.ranges ?? [])].filter((k) => Object.hasOwn(ENGINE.ranges, k));
}

// Leaf paths of a JSON object ('optimizer.beta1'); arrays are leaves.
function leaves(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('settings and the engine description', () => {
  it("every range the engine describes is offered by a control with the engine's bounds", () => {
    // grid: the map's resolution, an argument of grid() (the page picks it), not a setting.
    const keys = Object.keys(ENGINE.ranges).filter((k) => k !== 'grid');
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const ids = SETTING_IDS.filter((id) => rangesOf(id).includes(key));
      expect(ids, `range ${key} has no control`).not.toEqual([]);
      const r = ENGINE.ranges[key as keyof typeof ENGINE.ranges];
      for (const id of ids) {
        const c = SCHEMA[id].control;
        if (c.kind !== 'range' && c.kind !== 'number') continue; // presets, lists: checked by the spec's check()
        const scale = SCHEMA[id].config?.scale ?? 1;
        expect([c.min, c.max], `${id} (${key})`).toEqual([scaled(r.min, scale), scaled(r.max, scale)]);
      }
    }
  });

  it("every setting that names a configuration field names one the engine has, with the engine's default", () => {
    const named = SETTING_IDS.filter((id) => SCHEMA[id].config);
    expect(named.length).toBeGreaterThan(15);
    for (const id of named) {
      const { path, scale } = SCHEMA[id].config!;
      const engineDefault = getPath(ENGINE.defaults, path);
      expect(engineDefault, `${id}: ${path}`).not.toBeUndefined();
      expect(SCHEMA[id].default, id).toEqual(typeof engineDefault === 'number' ? scaled(engineDefault, scale) : engineDefault);
    }
  });

  it("toConfig sends every field of the engine's configuration, and settingsFromConfig reads each back", () => {
    const config = toConfig(defaults());
    expect(leaves(config).sort()).toEqual(leaves(ENGINE.defaults).sort());
    expect(config).toEqual(ENGINE.defaults);
    const changed: Settings = {
      ...defaults(),
      noise: 35,
      percTrainData: 70,
      beta2: 0.95,
      batchSize: 17,
      shuffle: false,
      networkShape: [3, 2],
      activation: ['elu', 'leaky_relu'],
      eluAlpha: 0.5,
      leakyAlpha: 0.2,
    };
    const back = { ...defaults(), ...settingsFromConfig(toConfig(changed)) };
    expect(back).toEqual(changed);
  });
});

describe('setting roles come from the groups', () => {
  it('the engine settings are every group but the view and the run', () => {
    expect(ENGINE_SETTINGS).toEqual(SETTING_IDS.filter((id) => SCHEMA[id].group !== 'view' && SCHEMA[id].group !== 'run'));
    expect(ENGINE_SETTINGS).toContain('tfpSeed');
    expect(ENGINE_SETTINGS).not.toContain('palette');
  });

  it("side B of a comparison may change every network and training setting (Adam's β₁ and β₂ too), and no data or view setting", () => {
    expect(COMPARE_KEYS).toEqual(settingsIn('network', 'training'));
    expect(COMPARE_KEYS).toEqual(expect.arrayContaining(['beta1', 'beta2', 'learningRate', 'networkShape', 'leakyAlpha']));
    for (const id of ['dataset', 'seed', 'features', 'palette', 'epochsPerFrame'] as const) expect(COMPARE_KEYS).not.toContain(id);
  });

  it('a change of a training setting keeps the network; of a data setting, rebuilds the data; of a view setting, only redraws', () => {
    const s = defaults();
    for (const id of settingsIn('training')) {
      const other =
        SCHEMA[id].control.kind === 'checkbox' ? !s[id] : id === 'optimizer' ? 'adam' : id === 'regularization' ? 'l2' : (s[id] as number) / 2 || 0.5;
      expect(changeKind(s, { ...s, [id]: other }), id).toBe('training');
    }
    expect(changeKind(s, { ...s, beta1: 0.5 })).toBe('training');
    expect(changeKind(s, { ...s, samples: 200 })).toBe('data');
    expect(changeKind(s, { ...s, palette: 'colorblind' })).toBe('view');
    expect(changeKind(s, { ...s, eluAlpha: 0.3 })).toBe('network');
  });
});

// The <nn-playground> tag's attributes (web/src/element/attributes.ts): every
// setting's hash key is an attribute, written as the hash writes it
// (lowercased by HTML) or in kebab-case, read by the hash's own parser; the
// tag's own attributes keep the iframe's rules; docs/embedding.md's table
// lists exactly these attributes.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWN_ATTRIBUTES, observedAttributes, readTag, settingAttributeNames, settingsOfKey } from '../../web/src/element/attributes';
import { sideB, splitCompareHash } from '../../web/src/settings/compare';
import { SETTING_IDS, specOf } from '../../web/src/settings/schema';
import { parseHash } from '../../web/src/settings/url';

const attrs = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
const settingsOf = (o: Record<string, string>) => parseHash(splitCompareHash(readTag(attrs(o)).hash).aHash);

describe('<nn-playground> attributes', () => {
  it('names every setting both ways, with no name shared by two keys or with the tag’s own attributes', () => {
    const names = settingAttributeNames();
    for (const id of SETTING_IDS) {
      const key = specOf(id).key;
      expect(names.get(key.toLowerCase()), key).toBe(key);
      expect(names.get(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)), key).toBe(key);
    }
    expect(names.get('perc-train-data')).toBe('percTrainData');
    expect(names.get('x-times-y')).toBe('xTimesY'); // a TensorFlow Playground key
    for (const own of OWN_ATTRIBUTES) expect(names.has(own), own).toBe(false);
    // watched for changes: each of them, its <key>_hide, and the tag's own
    expect(observedAttributes()).toEqual(expect.arrayContaining(['network-shape', 'networkshape', 'noise_hide', 'noise-hide', ...OWN_ATTRIBUTES]));
    expect(observedAttributes().every((n) => n === n.toLowerCase())).toBe(true);
  });

  it('reads kebab-case and the hash’s spelling (lowercased by HTML) alike, TensorFlow Playground keys included', () => {
    const a = settingsOf({ dataset: 'xor', 'network-shape': '4,2', 'learning-rate': '0.03', x: 'true', y: 'true', 'x-times-y': 'true' });
    const b = settingsOf({ dataset: 'xor', networkshape: '4,2', learningrate: '0.03', x: 'true', y: 'true', xtimesy: 'true' });
    expect(a.notices).toEqual([]);
    expect(a.settings).toEqual(b.settings);
    expect(a.settings.networkShape).toEqual([4, 2]);
    expect(a.settings.learningRate).toBe(0.03);
    expect(a.settings.features).toEqual(['x1', 'x2', 'x1x2']);
    // TensorFlow Playground's <key>_hide, and in kebab-case
    expect(settingsOf({ dataset_hide: 'true', 'noise-hide': 'true' }).settings.hide.sort()).toEqual(['dataset', 'noise']);
  });

  it('says a bad setting with its key and value, in the link’s words, and keeps the default', () => {
    const r = settingsOf({ 'learning-rate': 'fast', dataset: 'moon' });
    expect(r.notices).toEqual(expect.arrayContaining(['learningRate=fast: not a valid learning rate', 'dataset=moon: not a valid data set']));
    expect(r.settings.learningRate).toBe(specOf('learningRate').default);
  });

  it('reads its own attributes with the iframe’s rules, and says what it cannot read', () => {
    const r = readTag(attrs({ panels: 'run,output,charts', height: '420', width: '80%', autoplay: '' }));
    expect(r).toMatchObject({ panels: ['run', 'output', 'charts'], height: '420px', width: '80%', autoplay: true, notices: [] });
    expect(readTag(attrs({ autoplay: 'autoplay' })).autoplay).toBe(true);
    const bad = readTag(attrs({ panels: 'run,maps', height: 'tall', autoplay: 'maybe', 'lerning-rate': '0.1', class: 'x', 'data-id': '1', 'aria-label': 'l' }));
    expect(bad.panels).toEqual(['run']);
    expect(bad.height).toBeUndefined();
    expect(bad.autoplay).toBe(false);
    expect(bad.notices).toEqual([
      '"lerning-rate": not a setting or an attribute of <nn-playground>',
      expect.stringMatching(/^panels: unknown panel "maps"/),
      'autoplay: "maybe" is not true or false',
      'height="tall": not a length like 600, 600px, 40rem or 100%',
    ]);
  });

  it('compares: side B’s settings as a hash fragment, kebab-case keys allowed, read by the link’s compare rules', () => {
    const r = readTag(attrs({ optimizer: 'sgd', compare: 'optimizer=adam&learning-rate=0.3' }));
    const split = splitCompareHash(r.hash);
    expect(split.compare).toBe(true);
    const a = parseHash(split.aHash).settings;
    expect(sideB(a, split).patch).toEqual({ optimizer: 'adam', learningRate: 0.3 });
    expect(splitCompareHash(readTag(attrs({ compare: '' })).hash).compare).toBe(true);
    expect(splitCompareHash(readTag(attrs({ compare: 'false' })).hash).compare).toBe(false);
    expect(splitCompareHash(readTag(attrs({ compare: 'dataset=xor' })).hash).notices[0]).toMatch(/^b\.dataset: side B may change only /);
  });

  it('knows which settings each key sets (what a changed attribute patches)', () => {
    expect(settingsOfKey('networkShape')).toEqual(['networkShape']);
    expect(settingsOfKey('problem').sort()).toEqual(['dataset', 'output', 'problem']);
    expect(settingsOfKey('x')).toEqual(['features']);
    expect(settingsOfKey('noise_hide')).toEqual(['hide']);
    expect(settingsOfKey('variant')).toEqual(['lesson', 'variant']);
  });

  it('is listed in docs/embedding.md: one row per setting and own attribute, no more', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../docs/embedding.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The `<nn-playground>` tag'));
    const table = section.slice(section.indexOf('| attribute |'), section.indexOf('\n\n', section.indexOf('| attribute |')));
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)`/gm)].map((m) => m[1]!);
    const kebab = (k: string) => k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    expect(rows.sort()).toEqual([...SETTING_IDS.map((id) => kebab(specOf(id).key)), ...OWN_ATTRIBUTES].sort());
  });
});

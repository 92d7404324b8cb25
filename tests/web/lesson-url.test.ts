// Lessons in the URL: `lesson=<id>` (and `variant=<id>`) in the hash, the
// preset as the base that other keys change, notices for unknown ids, and the
// settings <-> engine configuration mapping every preset goes through.
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../web/src/lessons/builtin';
import { isUnchangedPreset, lessonOf, lessonSettings } from '../../web/src/lessons/choice';
import { parseLessonHash as parseHash } from '../../web/src/lessons/hash';
import { lessonById } from '../../web/src/lessons/registry';
import { toConfig } from '../../web/src/settings/config';
import { sameConfig, settingsFromConfig } from '../../web/src/settings/lesson';
import { decodePoints } from '../../web/src/settings/points-codec';
import { defaults, type Settings } from '../../web/src/settings/schema';
import { toHash } from '../../web/src/settings/url';

const presets = LESSONS.flatMap((lesson) => lesson.variants.map((variant) => ({ lesson, variant })));

describe('settings of a preset', () => {
  it.each(presets.map((p) => [`${p.lesson.id}/${p.variant.id}`, p] as const))(
    '%s: toConfig gives the preset’s configuration back',
    (_, { lesson, variant }) => {
      const s: Settings = { ...defaults(), ...lessonSettings(lesson, variant) };
      expect(sameConfig(toConfig(s), variant.config)).toBe(true);
      if (variant.points) expect(decodePoints(s.points)).toEqual(variant.points);
      else expect(s.points).toBe('');
      expect(isUnchangedPreset(s)).toBe(true);
      expect(lessonOf(s)).toEqual({ lesson, variant });
    },
  );

  it('keeps leaky ReLU’s α and ELU’s α', () => {
    const v = lessonById('activations')!.variants.find((x) => x.id === 'leaky-relu')!;
    const s = { ...defaults(), ...settingsFromConfig(v.config) };
    expect(s.leakyAlpha).toBe(0.1);
    expect(toConfig(s).hidden.map((h) => h.alpha)).toEqual([0.1, 0.1, 0.1]);
    expect(toConfig({ ...s, activation: ['elu'], eluAlpha: 0.5 }).hidden.map((h) => h.alpha)).toEqual([0.5, 0.5, 0.5]);
    expect(toConfig({ ...s, activation: ['relu'] }).hidden.every((h) => h.alpha === undefined)).toBe(true);
  });

  it('noise and training share are percentages without rounding noise', () => {
    const s = settingsFromConfig({ ...lessonById('softmax')!.variants[0]!.config, noise: 0.2, train_ratio: 0.7 });
    expect(s.noise).toBe(20);
    expect(s.percTrainData).toBe(70);
  });

  it('a changed setting is no longer the unchanged preset', () => {
    const l = lessonById('xor-hidden')!;
    const s: Settings = { ...defaults(), ...lessonSettings(l, l.variants[0]!) };
    expect(isUnchangedPreset({ ...s, learningRate: 0.3 })).toBe(false);
    expect(isUnchangedPreset({ ...s, palette: 'colorblind' })).toBe(true); // the view is not part of a preset
    expect(isUnchangedPreset({ ...s, lesson: '' })).toBe(false);
  });

  it('sameConfig ignores key order and an absent default α, nothing else', () => {
    const c = lessonById('activations')!.variants.find((x) => x.id === 'relu')!.config;
    const reordered = JSON.parse(
      JSON.stringify({ ...c, optimizer: { ...c.optimizer } }, Object.keys(c).reverse().concat(Object.keys(c.optimizer), 'width', 'activation', 'alpha')),
    );
    expect(sameConfig(c, reordered)).toBe(true);
    expect(sameConfig(c, { ...c, seed: c.seed + 1 })).toBe(false);
    expect(sameConfig(c, { ...c, hidden: c.hidden.map((h) => ({ ...h, activation: 'leaky_relu' as const })) })).toBe(false);
    const leaky = { ...c, hidden: c.hidden.map((h) => ({ width: h.width, activation: 'leaky_relu' as const })) };
    expect(sameConfig(leaky, { ...leaky, hidden: leaky.hidden.map((h) => ({ ...h, alpha: 0.01 })) })).toBe(true);
    expect(sameConfig(leaky, { ...leaky, hidden: leaky.hidden.map((h) => ({ ...h, alpha: 0.1 })) })).toBe(false);
  });
});

describe('lesson URLs', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))('#lesson=%s is the lesson’s own preset', (id, lesson) => {
    const { settings, notices } = parseHash(`#lesson=${id}`);
    expect(notices).toEqual([]);
    expect(settings.lesson).toBe(id);
    expect(settings.variant).toBe('');
    expect(sameConfig(toConfig(settings), lesson.variants[0]!.config)).toBe(true);
    expect(isUnchangedPreset(settings)).toBe(true);
  });

  it('names a preset with variant=', () => {
    const { settings, notices } = parseHash('#lesson=learning-rate&variant=too-large');
    expect(notices).toEqual([]);
    expect(settings.learningRate).toBe(100);
    expect(lessonOf(settings)?.variant.id).toBe('too-large');
  });

  it('other keys change the preset', () => {
    const { settings, notices } = parseHash('#lesson=perceptron&learningRate=0.5&palette=colorblind');
    expect(notices).toEqual([]);
    expect(settings.dataset).toBe('gauss');
    expect(settings.output).toBe('perceptron');
    expect(settings.learningRate).toBe(0.5);
    expect(settings.palette).toBe('colorblind');
    expect(isUnchangedPreset(settings)).toBe(false);
  });

  it('round-trips: the hash of a lesson state reads back as the same state', () => {
    for (const { lesson, variant } of presets) {
      const s: Settings = { ...defaults(), ...lessonSettings(lesson, variant), learningRate: 0.3, showTestData: true };
      const hash = toHash(s);
      expect(hash.startsWith(`#lesson=${lesson.id}`)).toBe(true);
      const back = parseHash(hash);
      expect(back.notices).toEqual([]);
      expect(back.settings).toEqual(s);
    }
  });

  it('the hash leaves lesson and variant out when there is no lesson, and variant out for the lesson’s own preset', () => {
    expect(toHash(defaults())).not.toMatch(/lesson=|variant=/);
    const l = lessonById('softmax')!;
    expect(toHash({ ...defaults(), ...lessonSettings(l, l.variants[0]!) })).not.toContain('variant=');
    expect(toHash({ ...defaults(), ...lessonSettings(l, l.variants[1]!) })).toContain('#lesson=softmax&variant=spiral-arms&');
  });

  it('an unknown lesson or preset is a notice; the rest of the link still counts', () => {
    const a = parseHash('#lesson=quantum&learningRate=0.3');
    expect(a.notices).toHaveLength(1);
    expect(a.notices[0]).toMatch(/^lesson=quantum: not a known lesson \(the lessons are perceptron, xor-hidden/);
    expect(a.settings.lesson).toBe('');
    expect(a.settings.dataset).toBe('circle');
    expect(a.settings.learningRate).toBe(0.3);

    const b = parseHash('#lesson=xor-hidden&variant=nope');
    expect(b.notices).toEqual(['variant=nope: not a preset of lesson “XOR needs a hidden layer” (its presets are relu-solution, best-line, squared-error)']);
    expect(b.settings.lesson).toBe('xor-hidden');
    expect(b.settings.variant).toBe('');
    expect(isUnchangedPreset(b.settings)).toBe(true);

    const c = parseHash('#variant=l1');
    expect(c.notices).toEqual(['variant=l1: a preset needs a lesson']);
    expect(c.settings).toEqual(defaults());
  });

  it('an empty lesson= is no lesson and no notice', () => {
    expect(parseHash('#lesson=&dataset=xor')).toEqual({ info: [], settings: { ...defaults(), dataset: 'xor' }, notices: [] });
  });
});

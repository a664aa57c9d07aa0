import { featureText, trainingLine } from './classifier-features';
import { macroF1 } from './classifier-metrics';
import { learnableThemes, shouldRetrain } from './classifier-policy';
import { stratifiedSplit } from './classifier-split';

describe('classifier features', () => {
  it('reads Arabic letters, ZWNJ, diacritics and digits the way a planner would', () => {
    expect(featureText('ترافيك خيابان كمربندي')).toBe(featureText('ترافیک خیابان کمربندی'));
    expect(featureText('می‌خواهم')).toBe(featureText('میخواهم'));
    expect(featureText('آسفالتِ خیابانْ')).toBe(featureText('اسفالت خیابان'));
    expect(featureText('خط ۱۲ اتوبوس')).toBe('خط 0 اتوبوس');
    expect(featureText('خط 7 اتوبوس')).toBe('خط 0 اتوبوس');
  });

  it('keeps a sample on one line and lets no text pose as a label', () => {
    expect(featureText('سطر اول\nسطر دوم')).toBe('سطر اول سطر دوم');
    expect(featureText('__label__x پارک')).not.toContain('__label__');
    expect(trainingLine(['a', 'b'], 'پارک')).toBe('__label__a __label__b پارک');
  });
});

describe('stratified split', () => {
  const samples = [
    ...Array.from({ length: 50 }, (_, i) => ({ text: `a${i}`, labels: ['big'] })),
    ...Array.from({ length: 10 }, (_, i) => ({ text: `b${i}`, labels: ['small'] })),
    ...Array.from({ length: 5 }, (_, i) => ({ text: `c${i}`, labels: ['big', 'tiny'] })),
  ];

  it('holds out the same share of every theme, the rare ones included', () => {
    const { train, test } = stratifiedSplit(samples, 0.2, 7);
    expect(train.length + test.length).toBe(samples.length);
    expect(test.filter((s) => s.labels[0] === 'big' && s.labels.length === 1)).toHaveLength(10);
    expect(test.filter((s) => s.labels[0] === 'small')).toHaveLength(2);
    // A multi-label sample is placed by its rarest theme.
    expect(test.filter((s) => s.labels.includes('tiny'))).toHaveLength(1);
  });

  it('is the same split for the same seed and another for another seed', () => {
    const a = stratifiedSplit(samples, 0.2, 7).test.map((s) => s.text);
    expect(stratifiedSplit(samples, 0.2, 7).test.map((s) => s.text)).toEqual(a);
    expect(stratifiedSplit(samples, 0.2, 8).test.map((s) => s.text)).not.toEqual(a);
  });
});

describe('macro-F1', () => {
  it('weighs every theme equally, computed by hand', () => {
    // a: tp 2, fp 1, fn 0 → p 2/3, r 1, f1 0.8; b: tp 1, fp 0, fn 1 → p 1, r 1/2, f1 2/3.
    const truth = [['a'], ['a'], ['b'], ['b']];
    const predicted = [['a'], ['a'], ['b'], ['a']];
    const result = macroF1(truth, predicted, ['a', 'b']);
    expect(result.perLabel.a.f1).toBeCloseTo(0.8);
    expect(result.perLabel.b.f1).toBeCloseTo(2 / 3);
    expect(result.macroF1).toBeCloseTo((0.8 + 2 / 3) / 2);
  });

  it('scores multi-label predictions label by label and a silent model at zero', () => {
    expect(macroF1([['a', 'b']], [['a', 'b']], ['a', 'b']).macroF1).toBe(1);
    expect(macroF1([['a'], ['b']], [[], []], ['a', 'b']).macroF1).toBe(0);
  });
});

describe('classifier policy', () => {
  it('says "not enough" below 30 tagged demands or fewer than two themes with five each', () => {
    expect(learnableThemes(new Map([['a', 20], ['b', 9]]), 29).isEnough).toBe(false);
    expect(learnableThemes(new Map([['a', 40], ['b', 4]]), 44).isEnough).toBe(false);
    expect(learnableThemes(new Map([['a', 25], ['b', 5], ['c', 1]]), 31)).toEqual({ isEnough: true, themes: ['a', 'b'] });
  });

  it('retrains when tags grew by 10 % or by 50', () => {
    expect(shouldRetrain(40, null)).toBe(true);
    expect(shouldRetrain(44, 40)).toBe(true);
    expect(shouldRetrain(43, 40)).toBe(false);
    expect(shouldRetrain(1050, 1000)).toBe(true);
    expect(shouldRetrain(1049, 1000)).toBe(false);
    expect(shouldRetrain(40, 40)).toBe(false);
  });
});

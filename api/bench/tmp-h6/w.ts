import { buildCorpus } from '../demands-corpus';
import classify from '../../src/modules/demands/classifier/classifier.worker';
(async () => {
  for (const n of [40, 400, Number(process.argv[2] ?? 5000)]) {
    const corpus = buildCorpus(n, 42);
    const themes = [...new Set(corpus.flatMap((d) => d.themes))];
    const t0 = Date.now();
    const r: any = await classify({ kind: 'train', samples: corpus.map((d) => ({ text: d.text, labels: d.themes })), themes, predict: [] });
    console.log(n, 'ms', Date.now() - t0, 'train', r.trainMs, 'f1', r.evaluation.macroF1.toFixed(3), 'bytes', r.model.length, r.options.epoch);
  }
})();

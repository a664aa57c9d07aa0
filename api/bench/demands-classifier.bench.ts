// The demands classifier on a labelled Persian corpus (api/bench/demands-corpus.ts: 14 themes,
// realistic vocabulary, shared words, two-theme demands, ي/ك, ZWNJ, digits, typos, filler):
// training on 50,000 tagged demands in the worker thread (target ≤ 60 s), suggestions for 10,000
// unseen demands (target ≤ 5 s), macro-F1 on the worker's held-out split and on the unseen set.
// Run: npx ts-node --transpile-only api/bench/demands-classifier.bench.ts
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { macroF1 } from '../src/modules/demands/classifier/classifier-metrics';
import { DemandClassifierRunner } from '../src/modules/demands/classifier/classifier-runner';
import { buildCorpus, CORPUS_THEMES } from './demands-corpus';

const TAGGED = Number(process.env.BENCH_TAGGED ?? 50_000);
const UNSEEN = Number(process.env.BENCH_UNSEEN ?? 10_000);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const tagged = buildCorpus(TAGGED, 2026);
  const unseen = buildCorpus(UNSEEN, 1405);
  const runner = new DemandClassifierRunner();
  try {
    console.log(`corpus: ${TAGGED} tagged + ${UNSEEN} unseen demands, ${CORPUS_THEMES.length} themes, e.g. «${tagged[0].text}»`);
    let started = Date.now();
    const trained = await runner.train(
      tagged.map((d) => ({ text: d.text, labels: d.themes })),
      [...CORPUS_THEMES],
    );
    const trainWall = Date.now() - started;
    console.log(
      `training (worker thread): ${(trainWall / 1000).toFixed(1)} s wall, fastText ${(trained.trainMs / 1000).toFixed(1)} s ` +
        `(${trained.trainCount} trained, ${trained.testCount} held out, epoch ${trained.options.epoch}, dim ${trained.options.dim}, ` +
        `bucket ${trained.options.bucket}), model ${(trained.model.length / 1e6).toFixed(1)} MB — load ${load()}`,
    );
    console.log(`macro-F1 on the held-out split: ${trained.evaluation.macroF1.toFixed(3)}`);

    started = Date.now();
    const predictions = await runner.predict(
      'bench',
      trained.model,
      unseen.map((d, i) => ({ id: String(i), text: d.text })),
    );
    const predictWall = Date.now() - started;
    const guessed: string[][] = unseen.map(() => []);
    for (const p of predictions) guessed[Number(p.id)].push(p.theme);
    const f1 = macroF1(unseen.map((d) => d.themes), guessed, [...CORPUS_THEMES]);
    const withSuggestion = guessed.filter((g) => g.length > 0).length;
    console.log(
      `suggestions for ${UNSEEN} demands (worker, model loaded once): ${(predictWall / 1000).toFixed(2)} s, ` +
        `${Math.round(UNSEEN / (predictWall / 1000))} demands/s, ${withSuggestion} with a suggestion — load ${load()}`,
    );
    console.log(`macro-F1 on the unseen demands: ${f1.macroF1.toFixed(3)}`);
    const worst = Object.entries(f1.perLabel).sort((a, b) => a[1].f1 - b[1].f1).slice(0, 3);
    console.log(`weakest themes: ${worst.map(([t, s]) => `${t} ${s.f1.toFixed(3)}`).join(', ')}`);
  } finally {
    await runner.onModuleDestroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

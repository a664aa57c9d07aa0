import { kmeans } from 'ml-kmeans';

/**
 * Opinion groups the way Polis computes them (Small et al., "Polis: Scaling deliberation by mapping
 * high dimensional opinion spaces", 2021, and the polis math/clojure sources):
 *
 * 1. votes are +1 agree, −1 disagree, 0 pass; a missing vote is imputed by the statement's mean,
 *    so after centring by that mean it is exactly 0 and the centred matrix stays sparse;
 * 2. two principal components by power iteration on that sparse matrix (Xᵀ X v, never dense);
 * 3. each participant's projection is scaled by √(statements / own votes), so that someone who
 *    voted on few statements is not pulled towards the centre just for having voted little;
 * 4. participants with too few votes are left out;
 * 5. k-means on the 2-D projections for k = 2..5, k chosen by silhouette, seeded and started from
 *    the previous result's centres, labels matched to the previous result so groups keep their
 *    names across recomputations;
 * 6. group-aware consensus = Π over groups (agree + 1) / (votes + 2);
 * 7. representative statements per group: agreement inside versus outside the group, kept only
 *    when both Polis tests (one proportion, two proportions) are significant at 90 %.
 *
 * Pure: no database, no clock; the worker calls it with typed arrays.
 */

/** Votes as parallel arrays: participant index, statement index, value (+1 agree, −1 disagree, 0 pass). */
export type VoteMatrix = {
  participants: number;
  statements: number;
  rows: Int32Array;
  cols: Int32Array;
  values: Int8Array;
};

/** The previous result's groups, so labels and centres stay stable. */
export type PreviousGroups = { labels: number[]; centroids: number[][]; components?: number[][] };

export type OpinionOptions = {
  /** Fewest votes for a participant to count (Polis: 7, or every statement when fewer). */
  minVotes?: number;
  seed?: number;
  previous?: PreviousGroups | null;
  /** Points used for the silhouette (a deterministic sample past this). */
  silhouetteSample?: number;
};

export type RepresentativeStatement = {
  statement: number;
  direction: 'agree' | 'disagree';
  /** Share of the group voting this way (smoothed), and the ratio to the rest. */
  probability: number;
  ratio: number;
  /** The two-proportion z statistic (in versus out). */
  z: number;
};

export type OpinionGroup = {
  label: number;
  centroid: [number, number];
  members: number[];
  representative: RepresentativeStatement[];
};

export type ConsensusStatement = { statement: number; direction: 'agree' | 'disagree'; probability: number };

export type OpinionResult =
  | { status: 'not_enough_votes'; participants: number; statements: number; minParticipants: number; minStatements: number }
  | {
      status: 'ready';
      /** Participants counted (enough votes) and statements with votes. */
      participants: number;
      statements: number;
      votes: number;
      components: [number[], number[]];
      /** Per participant index: [x, y, group label], or null when left out. */
      points: ([number, number, number] | null)[];
      groups: OpinionGroup[];
      consensus: ConsensusStatement[];
      silhouette: number;
    };

/**
 * Votes as PostgreSQL hands them over, one string per participant ("statement:vote,..."), decoded
 * in the worker: parsing a million numbers on the main thread would stall its event loop.
 */
export function decodeVotes(encoded: string[], statements: number): VoteMatrix {
  let total = 0;
  for (const line of encoded) if (line) total += 1 + (line.match(/,/g)?.length ?? 0);
  const rows = new Int32Array(total);
  const cols = new Int32Array(total);
  const values = new Int8Array(total);
  let e = 0;
  encoded.forEach((line, participant) => {
    if (!line) return;
    let at = 0;
    while (at < line.length) {
      const colon = line.indexOf(':', at);
      let comma = line.indexOf(',', colon);
      if (comma < 0) comma = line.length;
      rows[e] = participant;
      cols[e] = Number(line.slice(at, colon));
      values[e] = Number(line.slice(colon + 1, comma));
      e++;
      at = comma + 1;
    }
  });
  return { participants: encoded.length, statements, rows, cols, values };
}

/** Fewer counted participants or statements than these: "not enough votes yet". */
export const MIN_PARTICIPANTS = 4;
export const MIN_STATEMENTS = 2;
/** Polis leaves out participants with fewer votes than this. */
export const DEFAULT_MIN_VOTES = 7;
const MAX_K = 5;
/** z for a one-sided 90 % test, as in Polis. */
export const Z_90 = 1.2816;
const REPRESENTATIVE_PER_GROUP = 5;
const CONSENSUS_COUNT = 5;
/** A new k must beat the previous k's silhouette by this much, so groups do not flicker. */
const K_STICKINESS = 0.02;

/** Polis's one-proportion test: how far (succ+1)/(n+1) is above one half, in standard errors. */
export function propTest(successes: number, n: number): number {
  const s = successes + 1;
  const m = n + 1;
  return 2 * Math.sqrt(m) * (s / m - 0.5);
}

/** Polis's two-proportion test (smoothed): in-group share against out-group share. */
export function twoPropTest(successIn: number, nIn: number, successOut: number, nOut: number): number {
  const s1 = successIn + 1;
  const s2 = successOut + 1;
  const n1 = nIn + 1;
  const n2 = nOut + 1;
  const pHat = (s1 + s2) / (n1 + n2);
  if (pHat >= 1 || pHat <= 0) return 0;
  return (s1 / n1 - s2 / n2) / Math.sqrt(pHat * (1 - pHat) * (1 / n1 + 1 / n2));
}

/** A small deterministic PRNG (mulberry32), so results do not depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Opinion groups, consensus and representative statements for a vote matrix. */
export function computeOpinionGroups(matrix: VoteMatrix, options: OpinionOptions = {}): OpinionResult {
  const { participants: n, statements: m, rows, cols, values } = matrix;
  const seed = options.seed ?? 42;
  const votesPer = new Int32Array(n);
  for (let e = 0; e < rows.length; e++) votesPer[rows[e]]++;
  const votedStatements = new Uint8Array(m);
  for (let e = 0; e < cols.length; e++) votedStatements[cols[e]] = 1;
  const statementCount = votedStatements.reduce((a, b) => a + b, 0);
  const minVotes = Math.max(1, Math.min(options.minVotes ?? DEFAULT_MIN_VOTES, statementCount));
  const included = new Uint8Array(n);
  let participantCount = 0;
  for (let i = 0; i < n; i++) {
    if (votesPer[i] >= minVotes && votesPer[i] > 0) {
      included[i] = 1;
      participantCount++;
    }
  }
  if (participantCount < MIN_PARTICIPANTS || statementCount < MIN_STATEMENTS) {
    return { status: 'not_enough_votes', participants: participantCount, statements: statementCount, minParticipants: MIN_PARTICIPANTS, minStatements: MIN_STATEMENTS };
  }

  // Entries of counted participants only, centred by the statement mean (the imputed value).
  const sum = new Float64Array(m);
  const count = new Int32Array(m);
  let nnz = 0;
  for (let e = 0; e < rows.length; e++) {
    if (!included[rows[e]]) continue;
    sum[cols[e]] += values[e];
    count[cols[e]]++;
    nnz++;
  }
  const mean = new Float64Array(m);
  for (let j = 0; j < m; j++) mean[j] = count[j] > 0 ? sum[j] / count[j] : 0;
  const r = new Int32Array(nnz);
  const c = new Int32Array(nnz);
  const x = new Float64Array(nnz);
  for (let e = 0, k = 0; e < rows.length; e++) {
    if (!included[rows[e]]) continue;
    r[k] = rows[e];
    c[k] = cols[e];
    x[k] = values[e] - mean[cols[e]];
    k++;
  }

  const random = seededRandom(seed);
  const [first, second] = topTwoComponents(r, c, x, n, m, options.previous?.components, random);

  // Projections, scaled for sparsity.
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  for (let k = 0; k < nnz; k++) {
    px[r[k]] += x[k] * first[c[k]];
    py[r[k]] += x[k] * second[c[k]];
  }
  const members: number[] = [];
  const data: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (!included[i]) continue;
    const scale = Math.sqrt(statementCount / votesPer[i]);
    px[i] *= scale;
    py[i] *= scale;
    members.push(i);
    data.push([px[i], py[i]]);
  }

  const clustering = chooseClustering(data, seed, options.previous ?? null, options.silhouetteSample ?? 1500);
  const labels = matchLabels(clustering.centroids, options.previous ?? null);

  const groupOf = new Int32Array(n).fill(-1);
  members.forEach((participant, idx) => (groupOf[participant] = clustering.assignment[idx]));
  const k = clustering.centroids.length;

  // Per group and statement: agree, disagree, votes (passes count as votes seen).
  const agree = new Int32Array(k * m);
  const disagree = new Int32Array(k * m);
  const seen = new Int32Array(k * m);
  for (let e = 0; e < rows.length; e++) {
    const g = groupOf[rows[e]];
    if (g < 0) continue;
    const at = g * m + cols[e];
    seen[at]++;
    if (values[e] > 0) agree[at]++;
    else if (values[e] < 0) disagree[at]++;
  }
  const totals = (counts: Int32Array, j: number) => {
    let t = 0;
    for (let g = 0; g < k; g++) t += counts[g * m + j];
    return t;
  };

  const groups: OpinionGroup[] = [];
  for (let g = 0; g < k; g++) {
    const candidates: RepresentativeStatement[] = [];
    for (let j = 0; j < m; j++) {
      const nIn = seen[g * m + j];
      if (nIn === 0) continue;
      const nOut = totals(seen, j) - nIn;
      for (const direction of ['agree', 'disagree'] as const) {
        const counts = direction === 'agree' ? agree : disagree;
        const sIn = counts[g * m + j];
        const sOut = totals(counts, j) - sIn;
        const pIn = (sIn + 1) / (nIn + 2);
        const pOut = (sOut + 1) / (nOut + 2);
        const ratio = pIn / pOut;
        const zIn = propTest(sIn, nIn);
        const z = twoPropTest(sIn, nIn, sOut, nOut);
        if (zIn > Z_90 && z > Z_90 && pIn > 0.5) candidates.push({ statement: j, direction, probability: pIn, ratio, z });
      }
    }
    candidates.sort((a, b) => b.ratio * b.probability - a.ratio * a.probability || a.statement - b.statement);
    const groupMembers = members.filter((p) => groupOf[p] === g);
    groups.push({ label: labels[g], centroid: clustering.centroids[g] as [number, number], members: groupMembers, representative: candidates.slice(0, REPRESENTATIVE_PER_GROUP) });
  }

  // Group-aware consensus: high only when every group agrees (or every group disagrees).
  const consensus: ConsensusStatement[] = [];
  for (let j = 0; j < m; j++) {
    if (!votedStatements[j]) continue;
    for (const direction of ['agree', 'disagree'] as const) {
      const counts = direction === 'agree' ? agree : disagree;
      let product = 1;
      let everyGroupMajority = true;
      for (let g = 0; g < k; g++) {
        const p = (counts[g * m + j] + 1) / (seen[g * m + j] + 2);
        product *= p;
        if (p <= 0.5) everyGroupMajority = false;
      }
      if (everyGroupMajority) consensus.push({ statement: j, direction, probability: product });
    }
  }
  consensus.sort((a, b) => b.probability - a.probability || a.statement - b.statement);

  const points: ([number, number, number] | null)[] = new Array(n).fill(null);
  for (const p of members) points[p] = [round(px[p]), round(py[p]), labels[groupOf[p]]];
  groups.sort((a, b) => a.label - b.label);

  return {
    status: 'ready',
    participants: participantCount,
    statements: statementCount,
    votes: nnz,
    components: [Array.from(first, round), Array.from(second, round)],
    points,
    groups,
    consensus: consensus.slice(0, CONSENSUS_COUNT),
    silhouette: round(clustering.silhouette),
  };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * The two leading eigenvectors of Xᵀ X by block power iteration over the sparse entries: each step
 * is two passes over the votes for both vectors at once (W = X V, then Xᵀ W), never a dense
 * matrix; then a Rayleigh–Ritz rotation inside the converged plane orders them by variance. A
 * block converges at the rate of the third eigenvalue over the second, so two groups of similar
 * size (equal first and second eigenvalues) do not slow it down. Started from the previous
 * components when there are some (fewer steps, same orientation).
 */
function topTwoComponents(
  r: Int32Array,
  c: Int32Array,
  x: Float64Array,
  n: number,
  m: number,
  start: number[][] | undefined,
  random: () => number,
): [Float64Array, Float64Array] {
  let v1 = new Float64Array(m);
  let v2 = new Float64Array(m);
  const hasStart = Boolean(start && start.length === 2 && start[0].length === m && start[1].length === m);
  for (let j = 0; j < m; j++) {
    v1[j] = hasStart ? start![0][j] + (random() - 0.5) * 1e-6 : random() - 0.5;
    v2[j] = hasStart ? start![1][j] + (random() - 0.5) * 1e-6 : random() - 0.5;
  }
  orthonormalize(v1, []);
  if (!orthonormalize(v2, [v1])) for (let j = 0; j < m; j++) v2[j] = random() - 0.5;
  orthonormalize(v2, [v1]);
  const w1 = new Float64Array(n);
  const w2 = new Float64Array(n);
  let u1 = new Float64Array(m);
  let u2 = new Float64Array(m);
  const multiply = (a: Float64Array, b: Float64Array, outA: Float64Array, outB: Float64Array) => {
    w1.fill(0);
    w2.fill(0);
    for (let k = 0; k < x.length; k++) {
      const col = c[k];
      w1[r[k]] += x[k] * a[col];
      w2[r[k]] += x[k] * b[col];
    }
    outA.fill(0);
    outB.fill(0);
    for (let k = 0; k < x.length; k++) {
      const row = r[k];
      outA[c[k]] += x[k] * w1[row];
      outB[c[k]] += x[k] * w2[row];
    }
  };
  const dot = (a: Float64Array, b: Float64Array) => {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += a[j] * b[j];
    return sum;
  };
  for (let iteration = 0; iteration < 300; iteration++) {
    multiply(v1, v2, u1, u2);
    if (!orthonormalize(u1, [])) break; // no variance at all
    if (!orthonormalize(u2, [u1])) break; // a single direction of variance: keep the last second vector
    // How far the plane moved: 1 − the squared length of each old vector's projection on the new plane.
    const change = Math.max(1 - (dot(v1, u1) ** 2 + dot(v1, u2) ** 2), 1 - (dot(v2, u1) ** 2 + dot(v2, u2) ** 2));
    [v1, u1] = [u1, v1];
    [v2, u2] = [u2, v2];
    if (change < 1e-10) break;
  }
  // Rayleigh–Ritz: the 2 × 2 problem inside the plane gives the components in order of variance.
  multiply(v1, v2, u1, u2);
  const h11 = dot(v1, u1);
  const h12 = dot(v1, u2);
  const h22 = dot(v2, u2);
  const theta = 0.5 * Math.atan2(2 * h12, h11 - h22);
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const first = new Float64Array(m);
  const second = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    first[j] = cos * v1[j] + sin * v2[j];
    second[j] = -sin * v1[j] + cos * v2[j];
  }
  return [orient(first, hasStart ? start![0] : undefined), orient(second, hasStart ? start![1] : undefined)];
}

/** A stable sign: along the previous component, else with the largest entry positive. */
function orient(v: Float64Array, previous: number[] | undefined): Float64Array {
  let reference = 0;
  if (previous) for (let j = 0; j < v.length; j++) reference += v[j] * previous[j];
  else {
    let largest = 0;
    for (let j = 0; j < v.length; j++) if (Math.abs(v[j]) > Math.abs(largest)) largest = v[j];
    reference = largest;
  }
  if (reference < 0) for (let j = 0; j < v.length; j++) v[j] = -v[j];
  return v;
}

function orthonormalize(v: Float64Array, against: Float64Array[]): boolean {
  for (const a of against) {
    let dot = 0;
    for (let j = 0; j < v.length; j++) dot += v[j] * a[j];
    for (let j = 0; j < v.length; j++) v[j] -= dot * a[j];
  }
  let norm = 0;
  for (let j = 0; j < v.length; j++) norm += v[j] * v[j];
  norm = Math.sqrt(norm);
  if (norm < 1e-12) return false;
  for (let j = 0; j < v.length; j++) v[j] /= norm;
  return true;
}

type Clustering = { k: number; assignment: number[]; centroids: number[][]; silhouette: number };

function chooseClustering(data: number[][], seed: number, previous: PreviousGroups | null, sampleSize: number): Clustering {
  const maxK = Math.min(MAX_K, data.length - 1);
  const sample = sampleIndices(data.length, sampleSize, seed);
  let best: Clustering | null = null;
  let previousK: Clustering | null = null;
  for (let k = 2; k <= maxK; k++) {
    const startFrom = previous && previous.centroids.length === k ? previous.centroids : 'kmeans++';
    const result = kmeans(data, k, { seed, initialization: startFrom, maxIterations: 100 });
    // Empty clusters (possible with few distinct points) are not a real k.
    const sizes = new Array(k).fill(0);
    for (const a of result.clusters) sizes[a]++;
    if (sizes.some((s) => s === 0)) continue;
    const candidate: Clustering = {
      k,
      assignment: result.clusters,
      centroids: result.centroids.map((p) => [p[0], p[1]]),
      silhouette: silhouette(data, result.clusters, k, sample),
    };
    if (previous && previous.centroids.length === k) previousK = candidate;
    if (!best || candidate.silhouette > best.silhouette) best = candidate;
  }
  if (!best) {
    // Every point is the same: one honest answer is two groups of which one may be tiny; use k=2 by halves.
    const assignment = data.map((_, i) => (i < data.length / 2 ? 0 : 1));
    return { k: 2, assignment, centroids: [data[0], data[data.length - 1]], silhouette: 0 };
  }
  if (previousK && previousK !== best && best.silhouette - previousK.silhouette < K_STICKINESS) return previousK;
  return best;
}

function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const random = seededRandom(seed + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, size).sort((a, b) => a - b);
}

/** Mean silhouette of the sampled points (distances to every point of the sample). */
export function silhouette(data: number[][], assignment: number[], k: number, sample: number[]): number {
  let total = 0;
  let counted = 0;
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (const i of sample) {
    sums.fill(0);
    sizes.fill(0);
    const [xi, yi] = data[i];
    for (const j of sample) {
      if (j === i) continue;
      const dx = data[j][0] - xi;
      const dy = data[j][1] - yi;
      sums[assignment[j]] += Math.sqrt(dx * dx + dy * dy);
      sizes[assignment[j]]++;
    }
    const own = assignment[i];
    if (sizes[own] === 0) continue; // a singleton's silhouette is 0 by convention
    const a = sums[own] / sizes[own];
    let b = Infinity;
    for (let g = 0; g < k; g++) if (g !== own && sizes[g] > 0) b = Math.min(b, sums[g] / sizes[g]);
    if (!Number.isFinite(b)) continue;
    const s = Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
    total += s;
    counted++;
  }
  return counted === 0 ? 0 : total / counted;
}

/**
 * Labels for the new centres: each takes the label of the nearest previous centre (the
 * assignment with the least total distance, tried exhaustively: k ≤ 5); new groups take fresh
 * labels. Without a previous result, labels follow the centres from left to right.
 */
export function matchLabels(centroids: number[][], previous: PreviousGroups | null): number[] {
  const k = centroids.length;
  if (!previous || previous.centroids.length === 0) {
    const order = centroids.map((p, i) => ({ i, x: p[0], y: p[1] })).sort((a, b) => a.x - b.x || a.y - b.y);
    const labels = new Array<number>(k);
    order.forEach((o, rank) => (labels[o.i] = rank));
    return labels;
  }
  const old = previous.centroids;
  const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
  let bestCost = Infinity;
  let bestMap: number[] = [];
  // Map each new centre to a distinct previous centre or to "none" (-1), brute force.
  const map = new Array<number>(k).fill(-1);
  const used = new Array<boolean>(old.length).fill(false);
  const unmatchedPenalty = 1e6;
  const search = (i: number, cost: number) => {
    if (cost >= bestCost) return;
    if (i === k) {
      bestCost = cost;
      bestMap = [...map];
      return;
    }
    for (let p = 0; p < old.length; p++) {
      if (used[p]) continue;
      used[p] = true;
      map[i] = p;
      search(i + 1, cost + distance(centroids[i], old[p]));
      used[p] = false;
    }
    map[i] = -1;
    search(i + 1, cost + unmatchedPenalty);
  };
  search(0, 0);
  const labels = bestMap.map((p) => (p >= 0 ? previous.labels[p] : -1));
  let fresh = Math.max(-1, ...previous.labels) + 1;
  return labels.map((label) => (label >= 0 ? label : fresh++));
}

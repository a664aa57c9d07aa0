import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { computeOpinionGroups, decodeVotes, matchLabels, propTest, seededRandom, twoPropTest, type VoteMatrix } from './opinion-math';

/** Builds a vote matrix from (participant, statement, value) triples. */
function matrixOf(participants: number, statements: number, votes: [number, number, number][]): VoteMatrix {
  return {
    participants,
    statements,
    rows: Int32Array.from(votes.map((v) => v[0])),
    cols: Int32Array.from(votes.map((v) => v[1])),
    values: Int8Array.from(votes.map((v) => v[2])),
  };
}

/**
 * Two planted camps of `perGroup` people: camp A agrees with statements 0–7 and disagrees with
 * 8–15, camp B the opposite; everyone agrees with 16–19 (the planted consensus). Each vote is
 * missing with probability `missing`, and flipped with probability `noise`.
 */
function plantedCamps(perGroup: number, missing = 0.2, noise = 0.05, seed = 7) {
  const random = seededRandom(seed);
  const votes: [number, number, number][] = [];
  const n = perGroup * 2;
  for (let p = 0; p < n; p++) {
    const camp = p < perGroup ? 1 : -1;
    for (let s = 0; s < 20; s++) {
      if (random() < missing) continue;
      let value = s < 8 ? camp : s < 16 ? -camp : 1;
      if (random() < noise) value = random() < 0.5 ? 0 : -value;
      votes.push([p, s, value]);
    }
  }
  return matrixOf(n, 20, votes);
}

describe('opinion groups (Polis method)', () => {
  it('recovers two planted camps and finds the planted consensus statements', () => {
    const result = computeOpinionGroups(plantedCamps(30));
    if (result.status !== 'ready') throw new Error('expected groups');
    expect(result.groups).toHaveLength(2);
    const [first, second] = result.groups.map((g) => new Set(g.members));
    const campA = Array.from({ length: 30 }, (_, i) => i);
    const campB = Array.from({ length: 30 }, (_, i) => i + 30);
    const aIsFirst = first.has(0);
    expect([...(aIsFirst ? first : second)].sort((a, b) => a - b)).toEqual(campA);
    expect([...(aIsFirst ? second : first)].sort((a, b) => a - b)).toEqual(campB);
    // The consensus statements are exactly the ones everyone agreed with.
    const consensus = result.consensus.filter((c) => c.direction === 'agree').map((c) => c.statement);
    expect(consensus.length).toBeGreaterThanOrEqual(4);
    expect(consensus.slice(0, 4).sort((a, b) => a - b)).toEqual([16, 17, 18, 19]);
    // Each camp's representative statements are its own divisive ones, never the consensus.
    for (const group of result.groups) {
      expect(group.representative.length).toBeGreaterThan(0);
      for (const rep of group.representative) {
        expect(rep.statement).toBeLessThan(16);
        expect(rep.z).toBeGreaterThan(1.2816);
      }
    }
  });

  it('says "not enough votes yet" for one participant or one statement', () => {
    expect(computeOpinionGroups(matrixOf(1, 5, [[0, 0, 1], [0, 1, -1], [0, 2, 1]])).status).toBe('not_enough_votes');
    const oneStatement = matrixOf(10, 1, Array.from({ length: 10 }, (_, p) => [p, 0, p % 2 ? 1 : -1] as [number, number, number]));
    expect(computeOpinionGroups(oneStatement)).toMatchObject({ status: 'not_enough_votes', statements: 1 });
    expect(computeOpinionGroups(matrixOf(0, 0, []))).toMatchObject({ status: 'not_enough_votes', participants: 0 });
  });

  it('leaves out participants with too few votes', () => {
    const base = plantedCamps(10, 0, 0);
    // Participant 20 voted on two statements only.
    const matrix = matrixOf(21, 20, [
      ...Array.from(base.rows, (r, e) => [r, base.cols[e], base.values[e]] as [number, number, number]),
      [20, 0, 1],
      [20, 1, 1],
    ]);
    const result = computeOpinionGroups(matrix);
    if (result.status !== 'ready') throw new Error('expected groups');
    expect(result.participants).toBe(20);
    expect(result.points[20]).toBeNull();
    expect(result.groups.flatMap((g) => g.members)).not.toContain(20);
  });

  it('is stable across recomputations: same seed, same answer; labels follow the previous result', () => {
    const matrix = plantedCamps(25);
    const once = computeOpinionGroups(matrix);
    const twice = computeOpinionGroups(matrix);
    expect(twice).toEqual(once);
    if (once.status !== 'ready') throw new Error('expected groups');
    // A previous result that named the groups the other way round keeps its names.
    const swapped = { labels: once.groups.map((g) => 1 - g.label), centroids: once.groups.map((g) => g.centroid), components: once.components };
    const again = computeOpinionGroups(matrix, { previous: swapped });
    if (again.status !== 'ready') throw new Error('expected groups');
    const groupOfZero = (r: typeof again) => r.groups.find((g) => g.members.includes(0))!.label;
    expect(groupOfZero(again)).toBe(1 - groupOfZero(once));
    // A few more votes do not rename the groups.
    const more = plantedCamps(25, 0.15);
    const next = computeOpinionGroups(more, { previous: { labels: again.groups.map((g) => g.label), centroids: again.groups.map((g) => g.centroid), components: again.components } });
    if (next.status !== 'ready') throw new Error('expected groups');
    expect(groupOfZero(next)).toBe(groupOfZero(again));
  });

  it('matches labels to the nearest previous centres and gives new groups fresh labels', () => {
    expect(matchLabels([[5, 5], [-5, -5]], { labels: [0, 1], centroids: [[-4, -4], [4, 4]] })).toEqual([1, 0]);
    expect(matchLabels([[5, 5], [-5, -5], [0, 9]], { labels: [3, 7], centroids: [[-4, -4], [4, 4]] })).toEqual([7, 3, 8]);
    expect(matchLabels([[3, 0], [-3, 0]], null)).toEqual([1, 0]);
  });

  it('finds the same two principal components as a dense eigen-decomposition of the mean-imputed matrix', () => {
    const random = seededRandom(11);
    const votes: [number, number, number][] = [];
    for (let p = 0; p < 40; p++)
      for (let s = 0; s < 12; s++) {
        if (random() < 0.3) continue;
        // Three latent directions of different strength, so the leading eigenvalues are distinct.
        const lean = (p % 2 ? 1 : -1) * (s < 4 ? 1 : 0) + (p % 3 === 0 ? 0.6 : -0.3) * (s >= 4 && s < 8 ? 1 : 0);
        votes.push([p, s, random() < 0.1 ? 0 : lean + (random() - 0.5) > 0 ? 1 : -1]);
      }
    const matrix = matrixOf(40, 12, votes);
    const result = computeOpinionGroups(matrix, { minVotes: 1 });
    if (result.status !== 'ready') throw new Error('expected groups');
    // Dense reference: impute by the statement mean, centre, eigen-decompose XᵀX.
    const sum = new Array(12).fill(0);
    const count = new Array(12).fill(0);
    votes.forEach(([, s, v]) => ((sum[s] += v), count[s]++));
    const dense = Matrix.zeros(40, 12);
    votes.forEach(([p, s, v]) => dense.set(p, s, v - sum[s] / count[s]));
    const eigen = new EigenvalueDecomposition(dense.transpose().mmul(dense));
    const order = eigen.realEigenvalues.map((value, i) => ({ value, i })).sort((a, b) => b.value - a.value);
    for (const [k, component] of result.components.entries()) {
      const reference = eigen.eigenvectorMatrix.getColumn(order[k].i);
      const cosine = component.reduce((acc, v, j) => acc + v * reference[j], 0);
      expect(Math.abs(cosine)).toBeGreaterThan(0.999);
    }
  });

  it('decodes votes as PostgreSQL aggregates them, one string per participant', () => {
    const matrix = decodeVotes(['0:1,3:-1', '', '2:0'], 4);
    expect(matrix.participants).toBe(3);
    expect(Array.from(matrix.rows)).toEqual([0, 0, 2]);
    expect(Array.from(matrix.cols)).toEqual([0, 3, 2]);
    expect(Array.from(matrix.values)).toEqual([1, -1, 0]);
  });

  it('computes the Polis significance tests', () => {
    expect(propTest(9, 10)).toBeGreaterThan(1.2816);
    expect(propTest(5, 10)).toBeLessThan(1.2816);
    expect(twoPropTest(9, 10, 1, 10)).toBeGreaterThan(1.2816);
    expect(twoPropTest(5, 10, 5, 10)).toBeCloseTo(0, 5);
  });
});

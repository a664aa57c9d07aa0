import { StakeholderEngagementSources } from './stakeholder-engagement.sources';

describe('StakeholderEngagementSources', () => {
  it('merges every registered source, newest first, and answers who was heard from in which stage', async () => {
    const sources = new StakeholderEngagementSources();
    sources.register({
      source: 'registry',
      history: async () => [{ source: 'problem', itemId: 'p1', planId: 'plan', stageId: 's1', summary: 'چاله', occurredAt: new Date('2026-01-01T00:00:00Z') }],
      engagedIn: async () => [{ stakeholderId: 'a', stageId: 's1' }],
    });
    // What the sessions module registers: sessions attended.
    sources.register({
      source: 'session',
      history: async () => [{ source: 'session', itemId: 'x1', planId: 'plan', stageId: 's2', summary: 'جلسه', occurredAt: new Date('2026-02-01T00:00:00Z') }],
      engagedIn: async (_org, _plan, ids) => ids.filter((id) => id === 'b').map((stakeholderId) => ({ stakeholderId, stageId: 's2' })),
    });
    expect((await sources.history('org', 'a')).map((r) => r.itemId)).toEqual(['x1', 'p1']);
    expect([...(await sources.engagedIn('org', 'plan', ['a', 'b']))].sort()).toEqual(['a:s1', 'b:s2']);
    expect((await sources.engagedIn('org', 'plan', [])).size).toBe(0);

    // Registering a name again replaces that source.
    sources.register({ source: 'session', history: async () => [], engagedIn: async () => [] });
    expect((await sources.history('org', 'a')).map((r) => r.itemId)).toEqual(['p1']);
  });
});

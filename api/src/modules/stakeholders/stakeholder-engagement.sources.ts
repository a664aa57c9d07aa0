import { Injectable } from '@nestjs/common';

/** One contribution of a stakeholder, from whichever module saw it. */
export type EngagementRow = {
  source: string;
  itemId: string;
  planId: string | null;
  stageId: string | null;
  summary: string | null;
  occurredAt: Date;
};

/**
 * A kind of engagement another module knows about (the think-tank module: "sessions attended").
 * Both calls are scoped by organisation; `engagedIn` answers which of `stakeholderIds` took part
 * in each stage of the plan, as `stakeholderId:stageId` pairs.
 */
export type StakeholderEngagementSource = {
  source: string;
  history: (organizationId: string, stakeholderId: string) => Promise<EngagementRow[]>;
  engagedIn: (organizationId: string, planId: string, stakeholderIds: string[]) => Promise<{ stakeholderId: string; stageId: string }[]>;
};

/**
 * The extension point of the engagement history and the "not yet heard from" list: the registry
 * registers its own source (problems, comments and survey responses through linked accounts) and
 * any other module registers one on init, e.g.
 * `sources.register({ source: 'session', history, engagedIn })` from the sessions module. A second
 * registration of the same name replaces the first (a module re-initialised in tests).
 */
@Injectable()
export class StakeholderEngagementSources {
  private readonly sources = new Map<string, StakeholderEngagementSource>();

  register(source: StakeholderEngagementSource): void {
    this.sources.set(source.source, source);
  }

  all(): StakeholderEngagementSource[] {
    return [...this.sources.values()];
  }

  /** Every source's rows for one stakeholder, newest first. */
  async history(organizationId: string, stakeholderId: string): Promise<EngagementRow[]> {
    const lists = await Promise.all(this.all().map((s) => s.history(organizationId, stakeholderId)));
    return lists.flat().sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  }

  /** `stakeholderId:stageId` keys of every engagement in the plan's stages, over all sources. */
  async engagedIn(organizationId: string, planId: string, stakeholderIds: string[]): Promise<Set<string>> {
    if (!stakeholderIds.length) return new Set();
    const lists = await Promise.all(this.all().map((s) => s.engagedIn(organizationId, planId, stakeholderIds)));
    return new Set(lists.flat().map((r) => `${r.stakeholderId}:${r.stageId}`));
  }
}

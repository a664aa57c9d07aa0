import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  DEMAND_CAPACITIES,
  DEMAND_KINDS,
  MAX_BULK_TAG,
  MAX_DEMAND_MAP_POINTS,
  type TBulkTagDemands,
  type TCreateDemand,
  type TCreateDemandGroup,
  type TDemand,
  type TDemandFilter,
  type TDemandGroup,
  type TDemandGroupList,
  type TDemandGroupSuggestions,
  type TDemandListQuery,
  type TDemandMap,
  type TDemandMatrix,
  type TDemandMatrixQuery,
  type TDemandPage,
  type TDemandParticipation,
  type TDemandTagChange,
  type TDemandTagResult,
  type TDemandTrends,
  type TUpdateDemandGroup,
} from '@hamandishi/contracts';
import { toJalali } from '@hamandishi/text';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/pagination/keyset-cursor';
import type { Actor } from '../../common/http/request-context';
import { JobsService } from '../../jobs/jobs.service';
import { DistrictsService } from '../districts/districts.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { DemandClassifierService } from './classifier/classifier.service';
import { DemandErrors } from './demands.errors';
import { type Decision, type DemandRow, type DemandThemeRow, DemandsRepository } from './demands.repository';

/** Similarity (pg_trgm, 0–1) from which two demands are offered as one group. */
export const GROUP_SIMILARITY = 0.55;
/** Located demands further apart than this are never offered as one group. */
export const GROUP_METRES = 500;
/** How many of the newest ungrouped demands the group suggestions look at. */
export const GROUP_WINDOW = 1_000;

const scopeOf = (org: Organization) => ({ organizationId: org.id, timeZone: org.timeZone });

/**
 * The demands hub: one demand per input (created by database triggers from problems, comments and
 * survey answers, and here by hand or from an imported file), categorised by planners (themes,
 * kind, priority: every decision recorded), grouped, and seen through one filter as a table,
 * matrices, a map, trends and participation figures.
 */
@Injectable()
export class DemandsService implements OnModuleInit {
  private readonly logger = new Logger('demands');

  constructor(
    readonly repository: DemandsRepository,
    private readonly organizations: OrganizationsService,
    private readonly districts: DistrictsService,
    private readonly classifier: DemandClassifierService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('demands.catch_up', async () => {
      await this.catchUpAll();
    });
  }

  // ---- the table ----------------------------------------------------------------------------------

  async list(org: Organization, query: TDemandListQuery): Promise<TDemandPage> {
    const { cursor, limit, ...filter } = query;
    await this.assertPlan(org, filter.planId);
    const after = cursor ? decodeKeysetCursor(cursor) : null;
    const rows = await this.repository.page(filter, scopeOf(org), after, limit + 1);
    const page = rows.slice(0, limit);
    const items = await this.withThemes(org, page);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.at, last.id) : null };
  }

  async get(org: Organization, demandId: string): Promise<TDemand> {
    const row = await this.repository.byId(org.id, demandId);
    if (!row) throw DemandErrors.notFound();
    return (await this.withThemes(org, [row]))[0];
  }

  /** A demand written down from a meeting. */
  async create(org: Organization, actor: Actor, input: TCreateDemand): Promise<TDemand> {
    await this.assertPlan(org, input.planId);
    const themeIds = [...new Set(input.themeIds ?? [])];
    const id = await this.repository.db.transaction(async (m) => {
      await this.assertRefs(m, org, input.planId, { stageId: input.stageId ?? null, districtId: input.districtId ?? null, themeIds });
      const [demandId] = await this.repository.insertDemands(m, org.id, input.planId, 'manual', actor.accountId, [
        {
          stageId: input.stageId ?? null,
          meeting: input.meeting,
          text: input.text,
          capacity: input.capacity ?? null,
          districtId: input.districtId ?? null,
          lat: input.lat ?? null,
          lng: input.lng ?? null,
          occurredAt: input.occurredOn ?? null,
          kind: input.kind ?? null,
          priority: input.priority ?? null,
          themeIds,
        },
      ]);
      await this.repository.recordDecisions(m, org.id, actor.accountId, [
        { demandId, action: 'created', detail: { meeting: input.meeting } },
        ...themeIds.map((themeId) => ({ demandId, action: 'theme_added', detail: { themeId } })),
      ]);
      return demandId;
    });
    await this.afterArrival(org, themeIds.length > 0);
    return this.get(org, id);
  }

  /** Tags one demand. */
  async tag(org: Organization, actor: Actor, demandId: string, change: TDemandTagChange): Promise<TDemand> {
    await this.applyTags(org, actor, async (m) => {
      const locked = await this.repository.lockDemands(m, org.id, [demandId]);
      if (locked.length === 0) throw DemandErrors.notFound();
      return [demandId];
    }, change);
    return this.get(org, demandId);
  }

  /** Tags every demand the filter selects (or the selected ones among them), all or nothing. */
  async bulkTag(org: Organization, actor: Actor, input: TBulkTagDemands): Promise<TDemandTagResult> {
    const { filter, demandIds, ...change } = input;
    await this.assertPlan(org, filter.planId);
    const changed = await this.applyTags(org, actor, async (m) => {
      const ids = await this.repository.idsOf(m, filter, scopeOf(org), demandIds ?? null, MAX_BULK_TAG + 1);
      if (ids.length > MAX_BULK_TAG) throw DemandErrors.tooMany(MAX_BULK_TAG);
      await this.repository.lockDemands(m, org.id, ids);
      return ids;
    }, change);
    return { changed };
  }

  // ---- views --------------------------------------------------------------------------------------

  async matrix(org: Organization, query: TDemandMatrixQuery): Promise<TDemandMatrix> {
    const { by, ...filter } = query;
    await this.assertPlan(org, filter.planId);
    const [{ cells, isMaintained }, themes, described] = await Promise.all([
      this.repository.matrix(filter, scopeOf(org), by),
      this.organizations.themesOf(org.id),
      this.organizations.describe(org.slug),
    ]);
    const used = new Set(cells.map((c) => c.themeId));
    const keys = new Set(cells.map((c) => c.key));
    const columns =
      by === 'capacity'
        ? [...DEMAND_CAPACITIES.filter((c) => keys.has(c)).map((c) => ({ key: c, name: null })), ...(keys.has('none') ? [{ key: 'none', name: null }] : [])]
        : [
            ...described.districts.filter((d) => keys.has(d.id)).map((d) => ({ key: d.id, name: d.name })),
            ...(keys.has('none') ? [{ key: 'none', name: null }] : []),
          ];
    return {
      by,
      themes: themes.filter((t) => used.has(t.id) || (t.archivedAt === null && !filter.themeIds)).map((t) => ({ id: t.id, name: t.name, colour: t.colour })),
      columns,
      cells: cells.filter((c) => c.count > 0),
      isMaintained,
    };
  }

  async map(org: Organization, filter: TDemandFilter): Promise<TDemandMap> {
    await this.assertPlan(org, filter.planId);
    const points = await this.repository.mapPoints(filter, scopeOf(org), MAX_DEMAND_MAP_POINTS + 1);
    return { points: points.slice(0, MAX_DEMAND_MAP_POINTS), truncated: points.length > MAX_DEMAND_MAP_POINTS };
  }

  /** Demands per Jalali month of the municipality's calendar. */
  async trends(org: Organization, filter: TDemandFilter): Promise<TDemandTrends> {
    await this.assertPlan(org, filter.planId);
    const days = await this.repository.perDay(filter, scopeOf(org));
    const months = new Map<string, number>();
    for (const { day, count } of days) {
      const j = toJalali(new Date(`${day}T00:00:00Z`));
      const key = `${j.year}-${String(j.month).padStart(2, '0')}`;
      months.set(key, (months.get(key) ?? 0) + count);
    }
    return { months: [...months.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, count]) => ({ month, count })) };
  }

  /** Who was heard, how many, from which districts, against population. */
  async participation(org: Organization, filter: TDemandFilter): Promise<TDemandParticipation> {
    await this.assertPlan(org, filter.planId);
    const [figures, described, populations] = await Promise.all([
      this.repository.participation(filter, scopeOf(org)),
      this.organizations.describe(org.slug),
      this.districts.populationsOf(org.id),
    ]);
    const names = new Map(described.districts.map((d) => [d.id, d.name]));
    return {
      ...figures.totals,
      bySource: figures.bySource as TDemandParticipation['bySource'],
      byCapacity: figures.byCapacity,
      byDistrict: figures.byDistrict.map((d) => {
        const population = d.districtId ? (populations.get(d.districtId)?.total ?? null) : null;
        return {
          districtId: d.districtId,
          name: d.districtId ? (names.get(d.districtId) ?? null) : null,
          count: d.count,
          people: d.people,
          population,
          per10k: population ? Math.round((d.count / population) * 10_000 * 100) / 100 : null,
        };
      }),
    };
  }

  // ---- groups -------------------------------------------------------------------------------------

  async groups(org: Organization, planId: string): Promise<TDemandGroupList> {
    await this.assertPlan(org, planId);
    return { items: (await this.repository.groupsOf(org.id, planId)).map(groupView) };
  }

  /** Near-identical ungrouped demands, as groups a planner may create (connected pairs). */
  async groupSuggestions(org: Organization, planId: string): Promise<TDemandGroupSuggestions> {
    await this.assertPlan(org, planId);
    const pairs = await this.repository.similarPairs(org.id, planId, GROUP_WINDOW, GROUP_SIMILARITY, GROUP_METRES);
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
      parent.set(x, root);
      return root;
    };
    const best = new Map<string, number>();
    for (const p of pairs) {
      if (!parent.has(p.a)) parent.set(p.a, p.a);
      if (!parent.has(p.b)) parent.set(p.b, p.b);
      const [ra, rb] = [find(p.a), find(p.b)];
      if (ra !== rb) parent.set(rb, ra);
    }
    const components = new Map<string, string[]>();
    for (const id of parent.keys()) components.set(find(id), [...(components.get(find(id)) ?? []), id]);
    for (const p of pairs) best.set(find(p.a), Math.max(best.get(find(p.a)) ?? 0, p.similarity));
    const groups = [...components.entries()].filter(([, ids]) => ids.length > 1).sort((a, b) => b[1].length - a[1].length).slice(0, 50);
    const texts = new Map((await this.repository.textsOf(org.id, groups.flatMap(([, ids]) => ids))).map((t) => [t.id, t.text]));
    return {
      items: groups.map(([root, ids]) => ({
        demands: ids.sort().map((id) => ({ id, text: texts.get(id) ?? '' })),
        similarity: Math.round((best.get(root) ?? 0) * 1000) / 1000,
      })),
    };
  }

  async createGroup(org: Organization, actor: Actor, input: TCreateDemandGroup): Promise<TDemandGroup> {
    await this.assertPlan(org, input.planId);
    const ids = [...new Set(input.demandIds)];
    const groupId = await this.repository.db.transaction(async (m) => {
      const locked = await this.repository.lockDemands(m, org.id, ids);
      if (locked.length !== ids.length || locked.some((d) => d.planId !== input.planId)) throw DemandErrors.notFound();
      const id = await this.repository.insertGroup(m, org.id, input.planId, input.name ?? null, actor.accountId);
      await this.repository.setGroup(m, org.id, ids, id);
      await this.repository.recordDecisions(m, org.id, actor.accountId, ids.map((demandId) => ({ demandId, action: 'grouped', detail: { groupId: id } })));
      await this.repository.deleteEmptyGroups(m, org.id, input.planId);
      return id;
    });
    return this.group(org, input.planId, groupId);
  }

  async updateGroup(org: Organization, groupId: string, patch: TUpdateDemandGroup): Promise<TDemandGroup> {
    const planId = await this.repository.db.transaction(async (m) => {
      const group = await this.repository.lockGroup(m, org.id, groupId);
      if (!group) throw DemandErrors.groupNotFound();
      await this.repository.updateGroup(m, org.id, groupId, patch);
      return group.planId;
    });
    return this.group(org, planId, groupId);
  }

  /** Merges a group into another of the same plan: its demands move, it goes. */
  async mergeGroup(org: Organization, actor: Actor, groupId: string, intoId: string): Promise<TDemandGroup> {
    const planId = await this.repository.db.transaction(async (m) => {
      const [first, second] = [groupId, intoId].sort();
      const a = await this.repository.lockGroup(m, org.id, first);
      const b = first === second ? a : await this.repository.lockGroup(m, org.id, second);
      if (!a || !b || a.planId !== b.planId || groupId === intoId) throw DemandErrors.groupNotFound();
      const moved = await this.repository.moveGroup(m, org.id, groupId, intoId);
      await this.repository.recordDecisions(m, org.id, actor.accountId, moved.map((demandId) => ({ demandId, action: 'grouped', detail: { groupId: intoId, mergedFrom: groupId } })));
      await this.repository.deleteGroup(m, org.id, groupId);
      return a.planId;
    });
    return this.group(org, planId, intoId);
  }

  /** Splits demands out of a group into a new group. */
  async splitGroup(org: Organization, actor: Actor, groupId: string, demandIds: string[], name: string | null): Promise<TDemandGroup> {
    const ids = [...new Set(demandIds)];
    const result = await this.repository.db.transaction(async (m) => {
      const group = await this.repository.lockGroup(m, org.id, groupId);
      if (!group) throw DemandErrors.groupNotFound();
      const locked = await this.repository.lockDemands(m, org.id, ids);
      if (locked.length !== ids.length || locked.some((d) => d.groupId !== groupId)) throw DemandErrors.notFound();
      const id = await this.repository.insertGroup(m, org.id, group.planId, name, actor.accountId);
      await this.repository.setGroup(m, org.id, ids, id);
      await this.repository.recordDecisions(m, org.id, actor.accountId, ids.map((demandId) => ({ demandId, action: 'grouped', detail: { groupId: id, splitFrom: groupId } })));
      await this.repository.deleteEmptyGroups(m, org.id, group.planId);
      return { id, planId: group.planId };
    });
    return this.group(org, result.planId, result.id);
  }

  /** Ungroups: the demands stay, the group goes. */
  async deleteGroup(org: Organization, actor: Actor, groupId: string): Promise<void> {
    await this.repository.db.transaction(async (m) => {
      const group = await this.repository.lockGroup(m, org.id, groupId);
      if (!group) throw DemandErrors.groupNotFound();
      const moved = await this.repository.moveGroup(m, org.id, groupId, null);
      await this.repository.recordDecisions(m, org.id, actor.accountId, moved.map((demandId) => ({ demandId, action: 'ungrouped', detail: { groupId } })));
      await this.repository.deleteGroup(m, org.id, groupId);
    });
  }

  // ---- other modules ------------------------------------------------------------------------------

  /** Themes merge: the demands of `fromThemeId` carry `toThemeId` instead, in the caller's transaction. */
  retagTheme(m: EntityManager, organizationId: string, fromThemeId: string, toThemeId: string): Promise<number> {
    return this.repository.retagTheme(m, organizationId, fromThemeId, toThemeId);
  }

  /** The daily repair: every source row has its demand, up to date. */
  async catchUpAll(): Promise<number> {
    let total = 0;
    for (const { id } of await this.repository.organizations()) {
      const changed = await this.repository.catchUp(id);
      if (changed > 0) {
        this.logger.warn({ organizationId: id, changed }, 'demands caught up with their sources');
        await this.classifier.demandsArrived(id).catch(() => undefined);
      }
      total += changed;
    }
    return total;
  }

  // ---- helpers ------------------------------------------------------------------------------------

  /** Demands arrived by hand or import: suggestions are made for them; tags may warrant a retraining. */
  async afterArrival(org: Organization, tagged: boolean): Promise<void> {
    await this.classifier.demandsArrived(org.id).catch((error) => this.logger.warn({ err: error }, 'could not queue suggestions'));
    if (tagged) await this.classifier.tagsChanged(org.id);
  }

  async assertPlan(org: Organization, planId: string): Promise<void> {
    if (!(await this.repository.planExists(org.id, planId))) throw DemandErrors.planNotFound();
  }

  /** The stage is the plan's, the district and themes the municipality's (themes not archived). */
  async assertRefs(m: EntityManager, org: Organization, planId: string, refs: { stageId: string | null; districtId: string | null; themeIds: string[] }): Promise<void> {
    if (refs.stageId && !(await this.repository.stageOfPlan(org.id, planId, refs.stageId))) throw DemandErrors.stageNotFound();
    if (refs.districtId) {
      const described = await this.organizations.describe(org.slug);
      if (!described.districts.some((d) => d.id === refs.districtId)) throw DemandErrors.districtNotFound();
    }
    if ((await this.repository.liveThemes(m, org.id, refs.themeIds)).length !== refs.themeIds.length) throw DemandErrors.themeNotFound();
  }

  private async group(org: Organization, planId: string, groupId: string): Promise<TDemandGroup> {
    const [row] = await this.repository.groupsOf(org.id, planId, groupId);
    if (!row) throw DemandErrors.groupNotFound();
    return groupView(row);
  }

  private async applyTags(org: Organization, actor: Actor, select: (m: EntityManager) => Promise<string[]>, change: TDemandTagChange): Promise<number> {
    const add = [...new Set(change.addThemeIds ?? [])];
    const remove = [...new Set(change.removeThemeIds ?? [])].filter((t) => !add.includes(t));
    const result = await this.repository.db.transaction(async (m) => {
      if ((await this.repository.liveThemes(m, org.id, add)).length !== add.length) throw DemandErrors.themeNotFound('addThemeIds');
      const ids = await select(m);
      const decisions: Decision[] = [];
      const changed = new Set<string>();
      for (const p of await this.repository.addThemes(m, org.id, ids, add, 'planner', actor.accountId)) {
        decisions.push({ demandId: p.demandId, action: 'theme_added', detail: { themeId: p.themeId } });
        changed.add(p.demandId);
      }
      for (const p of await this.repository.removeThemes(m, org.id, ids, remove)) {
        decisions.push({ demandId: p.demandId, action: 'theme_removed', detail: { themeId: p.themeId } });
        changed.add(p.demandId);
      }
      if (change.kind !== undefined) {
        for (const id of await this.repository.setAttribute(m, org.id, ids, 'kind', change.kind)) {
          decisions.push({ demandId: id, action: 'kind_set', detail: { kind: change.kind } });
          changed.add(id);
        }
      }
      if (change.priority !== undefined) {
        for (const id of await this.repository.setAttribute(m, org.id, ids, 'priority', change.priority)) {
          decisions.push({ demandId: id, action: 'priority_set', detail: { priority: change.priority } });
          changed.add(id);
        }
      }
      await this.repository.recordDecisions(m, org.id, actor.accountId, decisions);
      return { changed: changed.size, themesChanged: decisions.some((d) => d.action.startsWith('theme_')) };
    });
    if (result.themesChanged) await this.classifier.tagsChanged(org.id);
    return result.changed;
  }

  private async withThemes(org: Organization, rows: DemandRow[]): Promise<TDemand[]> {
    const themes = await this.repository.themesOf(org.id, rows.map((r) => r.id));
    const byDemand = new Map<string, DemandThemeRow[]>();
    for (const t of themes) byDemand.set(t.demandId, [...(byDemand.get(t.demandId) ?? []), t]);
    return rows.map((r) => demandView(r, byDemand.get(r.id) ?? []));
  }
}

/** Kinds as the contracts list them (for parsing imported files). */
export const KIND_SET: ReadonlySet<string> = new Set(DEMAND_KINDS);

function demandView(r: DemandRow, themes: DemandThemeRow[]): TDemand {
  return {
    id: r.id,
    planId: r.planId,
    stageId: r.stageId,
    sourceKind: r.sourceKind as TDemand['sourceKind'],
    sourceId: r.sourceId,
    sourceState: r.sourceState as TDemand['sourceState'],
    meeting: r.meeting,
    text: r.text,
    capacity: r.capacity,
    districtId: r.districtId,
    lat: r.lat,
    lng: r.lng,
    occurredAt: r.occurredAt.toISOString(),
    weight: r.weight,
    kind: r.kind,
    priority: r.priority,
    groupId: r.groupId,
    themes: themes.map((t) => ({ id: t.id, name: t.name, colour: t.colour, origin: t.origin })),
  };
}

function groupView(g: { id: string; planId: string; name: string | null; isFocusCandidate: boolean; createdAt: Date; count: number; samples: { id: string; text: string }[] }): TDemandGroup {
  return { id: g.id, planId: g.planId, name: g.name, isFocusCandidate: g.isFocusCandidate, count: g.count, samples: g.samples, createdAt: g.createdAt.toISOString() };
}

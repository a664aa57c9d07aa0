import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_THEME_COLOUR,
  type TAdminTheme,
  type TCreateTheme,
  type TMergeTheme,
  type TMoveTheme,
  type TThemeImportReport,
  type TThemeMergeResult,
  type TThemeTree,
  type TUpdateTheme,
} from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { Theme } from '../organizations/theme.entity';
import { CommitteesService } from '../plans/committees.service';
import { ProblemsService } from '../problems/problems.service';
import { DemandsService } from '../demands/demands.service';
import { readThemeFile, type ThemeFileRow, themesCsvStream, themesXlsxStream } from './theme-file';
import { planImport } from './theme-import';
import { mapThemeConstraintError, ThemeErrors } from './themes.errors';

/** The most rows an imported file may have (a city's taxonomy has tens, at most a few hundred). */
export const MAX_IMPORT_ROWS = 2_000;

type Counts = { problems: Map<string, number>; committees: Map<string, number>; directions: Map<string, number> };

/**
 * The theme taxonomy of a municipality: a tree of two levels that admins build, reorder, merge,
 * archive, import and export. The organizations module stores it; the modules whose items carry
 * themes (problems, plans) move those items when themes merge, in the same transaction.
 */
@Injectable()
export class ThemesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly problems: ProblemsService,
    private readonly committees: CommitteesService,
    private readonly audit: AuditService,
    private readonly demands: DemandsService,
  ) {}

  /** The whole tree, archived themes included: each top-level theme followed by its sub-themes. */
  async tree(organization: Organization): Promise<TThemeTree> {
    const [themes, counts] = await Promise.all([this.organizations.themesOf(organization.id), this.counts(organization.id)]);
    return { themes: inTreeOrder(themes).map((t) => adminView(t, counts)) };
  }

  async create(organization: Organization, actor: Actor, input: TCreateTheme): Promise<TAdminTheme> {
    const id = await this.transaction(async (m) => {
      const themes = await this.organizations.lockThemes(m, organization.id);
      if (themes.some((t) => t.slug === input.slug)) throw ThemeErrors.slugTaken();
      const parentId = input.parentId ?? null;
      if (parentId) {
        const parent = themes.find((t) => t.id === parentId);
        if (!parent) throw ThemeErrors.notFound('parentId');
        if (parent.parentId) throw ThemeErrors.tooDeep('parentId');
      }
      const siblings = themes.filter((t) => t.parentId === parentId);
      const position = siblings.length ? Math.max(...siblings.map((t) => t.position)) + 1 : 0;
      const newId = await this.organizations.insertTheme(m, {
        organizationId: organization.id,
        parentId,
        slug: input.slug,
        name: input.name,
        colour: input.colour ?? DEFAULT_THEME_COLOUR,
        icon: input.icon ?? 'tag',
        position,
      });
      const after = (await this.organizations.lockThemes(m, organization.id)).find((t) => t.id === newId)!;
      await this.record(m, organization, actor, 'theme.created', newId, null, snapshot(after));
      return newId;
    });
    return this.one(organization, id);
  }

  /** Rename (fa/ar/en), new slug, colour or icon. */
  async update(organization: Organization, actor: Actor, themeId: string, input: TUpdateTheme): Promise<TAdminTheme> {
    await this.transaction(async (m) => {
      const themes = await this.organizations.lockThemes(m, organization.id);
      const before = find(themes, themeId);
      if (input.slug && input.slug !== before.slug && themes.some((t) => t.slug === input.slug)) throw ThemeErrors.slugTaken();
      const patch = {
        ...(input.slug !== undefined && { slug: input.slug }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.colour !== undefined && { colour: input.colour }),
        ...(input.icon !== undefined && { icon: input.icon }),
      };
      await this.organizations.updateTheme(m, organization.id, themeId, patch);
      await this.record(m, organization, actor, 'theme.updated', themeId, snapshot(before), { ...snapshot(before), ...patch });
    });
    return this.one(organization, themeId);
  }

  /**
   * Puts the theme under `parentId` (null: the top level) at `position` among its new siblings.
   * Refuses a cycle (under itself or its own sub-theme) and a third level.
   */
  async move(organization: Organization, actor: Actor, themeId: string, input: TMoveTheme): Promise<TThemeTree> {
    await this.transaction(async (m) => {
      const themes = await this.organizations.lockThemes(m, organization.id);
      const theme = find(themes, themeId);
      const parentId = input.parentId;
      if (parentId) {
        if (parentId === themeId) throw ThemeErrors.cycle();
        const parent = themes.find((t) => t.id === parentId);
        if (!parent) throw ThemeErrors.notFound('parentId');
        if (parent.parentId === themeId) throw ThemeErrors.cycle();
        if (parent.parentId) throw ThemeErrors.tooDeep('parentId');
        if (themes.some((t) => t.parentId === themeId)) throw ThemeErrors.tooDeep('parentId');
      }
      const before = snapshot(theme);
      const oldSiblings = siblingsOf(themes, theme.parentId).filter((t) => t.id !== themeId);
      const newSiblings = siblingsOf(themes, parentId).filter((t) => t.id !== themeId);
      const position = Math.min(input.position, newSiblings.length);
      newSiblings.splice(position, 0, theme);
      if (theme.parentId !== parentId) {
        await this.organizations.updateTheme(m, organization.id, themeId, { parentId });
        await this.organizations.setThemeOrder(m, organization.id, oldSiblings.map((t) => t.id));
      }
      await this.organizations.setThemeOrder(m, organization.id, newSiblings.map((t) => t.id));
      await this.record(m, organization, actor, 'theme.moved', themeId, before, { ...before, parentId, position });
    });
    return this.tree(organization);
  }

  /**
   * Merges the theme into `targetId`: every problem, committee and upstream direction tagged with
   * it is tagged with the target, its sub-themes move under the target (refused when that would
   * make a third level), and the theme is then deleted: it carries nothing any more, and keeping
   * an empty twin would only be offered by mistake. The audit entry keeps what it was.
   */
  async merge(organization: Organization, actor: Actor, themeId: string, input: TMergeTheme): Promise<TThemeMergeResult> {
    return this.transaction(async (m) => {
      const themes = await this.organizations.lockThemes(m, organization.id);
      const source = find(themes, themeId);
      const target = themes.find((t) => t.id === input.targetId);
      if (!target) throw ThemeErrors.notFound('targetId');
      if (target.id === source.id || target.parentId === source.id) throw ThemeErrors.mergeIntoDescendant();
      const children = siblingsOf(themes, source.id);
      if (children.length && target.parentId) throw ThemeErrors.tooDeep('targetId');

      const problems = await this.problems.retagTheme(m, organization.id, source.id, target.id);
      const { committees, upstreamDirections } = await this.committees.retagTheme(m, organization.id, source.id, target.id);
      // Demands keep their theme: the merged one's demands carry the target (before the delete cascades).
      const demands = await this.demands.retagTheme(m, organization.id, source.id, target.id);
      if (children.length) {
        // Sub-themes keep their order, after the target's own.
        const targetChildren = siblingsOf(themes, target.id);
        for (const child of children) await this.organizations.updateTheme(m, organization.id, child.id, { parentId: target.id });
        await this.organizations.setThemeOrder(m, organization.id, [...targetChildren, ...children].map((t) => t.id));
      }
      await this.organizations.deleteTheme(m, organization.id, source.id);
      await this.organizations.setThemeOrder(m, organization.id, siblingsOf(themes, source.parentId).filter((t) => t.id !== source.id).map((t) => t.id));
      const result = { problems, committees, upstreamDirections, subThemes: children.length };
      await this.record(m, organization, actor, 'theme.merged', source.id, snapshot(source), {
        mergedInto: { id: target.id, slug: target.slug },
        moved: { ...result, demands },
        subThemes: children.map((c) => c.slug),
      });
      return result;
    });
  }

  /**
   * Archives the theme (and its sub-themes): it stays on the items that carry it but is no longer
   * offered for new ones. Unarchiving brings back the sub-themes archived with it.
   */
  async setArchived(organization: Organization, actor: Actor, themeId: string, archived: boolean): Promise<TThemeTree> {
    await this.transaction(async (m) => {
      const themes = await this.organizations.lockThemes(m, organization.id);
      const theme = find(themes, themeId);
      if (archived === (theme.archivedAt !== null)) return;
      const children = siblingsOf(themes, theme.id);
      if (archived) {
        const at = new Date();
        for (const t of [theme, ...children.filter((c) => c.archivedAt === null)]) {
          await this.organizations.updateTheme(m, organization.id, t.id, { archivedAt: at });
          await this.record(m, organization, actor, 'theme.archived', t.id, snapshot(t), { ...snapshot(t), archivedAt: at.toISOString() });
        }
        return;
      }
      const parent = theme.parentId ? themes.find((t) => t.id === theme.parentId) : null;
      if (parent?.archivedAt) throw ThemeErrors.parentArchived();
      const archivedWith = children.filter((c) => c.archivedAt?.getTime() === theme.archivedAt!.getTime());
      for (const t of [theme, ...archivedWith]) {
        await this.organizations.updateTheme(m, organization.id, t.id, { archivedAt: null });
        await this.record(m, organization, actor, 'theme.unarchived', t.id, snapshot(t), { ...snapshot(t), archivedAt: null });
      }
    });
    return this.tree(organization);
  }

  // ---- files -------------------------------------------------------------------------------

  /** The tree as a CSV or XLSX file, parents before their sub-themes, streamed. */
  async export(organization: Organization, format: 'csv' | 'xlsx'): Promise<Readable> {
    const themes = inTreeOrder(await this.organizations.themesOf(organization.id));
    const slugOf = new Map(themes.map((t) => [t.id, t.slug]));
    const rows: ThemeFileRow[] = themes.map((t) => [
      t.slug,
      t.parentId ? (slugOf.get(t.parentId) ?? '') : '',
      t.name.fa,
      t.name.ar ?? '',
      t.name.en ?? '',
      t.colour,
      t.icon,
      t.position,
      t.archivedAt ? 'true' : 'false',
    ]);
    return format === 'csv' ? themesCsvStream(rows) : themesXlsxStream(rows);
  }

  /**
   * Checks an uploaded CSV/XLSX file and, unless `dryRun` or it has problems, applies it in one
   * transaction: themes upserted by slug, each change audited. The report names every problem by
   * row and column; with any problem nothing is saved.
   */
  async import(organization: Organization, actor: Actor, body: Buffer, dryRun: boolean): Promise<TThemeImportReport> {
    let table: string[][];
    try {
      table = await readThemeFile(body, MAX_IMPORT_ROWS);
    } catch {
      return { dryRun, applied: false, rows: 0, created: 0, updated: 0, unchanged: 0, problems: [{ row: 1, column: null, problem: 'unreadable_file' }] };
    }
    return this.transaction(async (m) => {
      const stored = await this.organizations.lockThemes(m, organization.id);
      const plan = planImport(stored, table, MAX_IMPORT_ROWS);
      const report = { dryRun, applied: false, rows: plan.rows, created: 0, updated: 0, unchanged: 0, problems: plan.problems };
      if (plan.problems.length) return report;

      const byId = new Map(stored.map((t) => [t.id, t]));
      const idOf = new Map(stored.map((t) => [t.slug, t.id]));
      const changes: { id: string | null; before: Theme | null; planned: (typeof plan.themes)[number] }[] = [];
      for (const planned of plan.themes) {
        const before = planned.id ? byId.get(planned.id)! : null;
        const parentId = planned.parentSlug ? (idOf.get(planned.parentSlug) ?? planned.parentSlug) : null;
        const same =
          before &&
          before.parentId === parentId &&
          before.position === planned.position &&
          before.colour === planned.colour &&
          before.icon === planned.icon &&
          (before.archivedAt !== null) === planned.isArchived &&
          sameName(before.name, planned.name);
        if (same) report.unchanged += planned.row !== null ? 1 : 0;
        else changes.push({ id: planned.id, before, planned });
      }
      report.created = changes.filter((c) => !c.before).length;
      report.updated = changes.filter((c) => c.before && c.planned.row !== null).length;
      if (dryRun || !changes.length) return { ...report, applied: !dryRun };

      // New themes first (at the top level), so that every parent has an id; then every change.
      for (const change of changes.filter((c) => !c.before)) {
        const p = change.planned;
        change.id = await this.organizations.insertTheme(m, {
          organizationId: organization.id,
          parentId: null,
          slug: p.slug,
          name: p.name,
          colour: p.colour,
          icon: p.icon,
          position: p.position,
        });
        idOf.set(p.slug, change.id);
      }
      const now = new Date();
      for (const { id, before, planned: p } of changes) {
        const after = {
          parentId: p.parentSlug ? idOf.get(p.parentSlug)! : null,
          name: p.name,
          colour: p.colour,
          icon: p.icon,
          position: p.position,
          archivedAt: p.isArchived ? (before?.archivedAt ?? now) : null,
        };
        await this.organizations.updateTheme(m, organization.id, id!, after);
        await this.record(m, organization, actor, before ? 'theme.imported' : 'theme.created', id!, before ? snapshot(before) : null, {
          slug: p.slug,
          ...after,
          archivedAt: after.archivedAt?.toISOString() ?? null,
          source: 'import',
        });
      }
      return { ...report, applied: true };
    });
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async one(organization: Organization, themeId: string): Promise<TAdminTheme> {
    const theme = (await this.tree(organization)).themes.find((t) => t.id === themeId);
    if (!theme) throw ThemeErrors.notFound();
    return theme;
  }

  private async counts(organizationId: string): Promise<Counts> {
    const [problems, plans] = await Promise.all([this.problems.countByTheme(organizationId), this.committees.countByTheme(organizationId)]);
    return { problems, committees: plans.committees, directions: plans.directions };
  }

  private async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (error) {
      mapThemeConstraintError(error);
    }
  }

  private record(m: EntityManager, organization: Organization, actor: Actor, action: string, themeId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: organization.id, actorId: actor.accountId, action, entityType: 'theme', entityId: themeId, before, after });
  }
}

function find(themes: Theme[], themeId: string): Theme {
  const theme = themes.find((t) => t.id === themeId);
  if (!theme) throw ThemeErrors.notFound();
  return theme;
}

/** The children of `parentId` (null: the top level), by position. */
function siblingsOf(themes: Theme[], parentId: string | null): Theme[] {
  return themes.filter((t) => t.parentId === parentId).sort((a, b) => a.position - b.position || a.slug.localeCompare(b.slug));
}

/** Each top-level theme followed by its sub-themes, by position. */
function inTreeOrder(themes: Theme[]): Theme[] {
  return siblingsOf(themes, null).flatMap((top) => [top, ...siblingsOf(themes, top.id)]);
}

function snapshot(t: Theme) {
  return {
    slug: t.slug,
    parentId: t.parentId,
    name: t.name,
    colour: t.colour,
    icon: t.icon,
    position: t.position,
    archivedAt: t.archivedAt ? t.archivedAt.toISOString() : null,
  };
}

function sameName(a: Theme['name'], b: Theme['name']): boolean {
  return a.fa === b.fa && (a.ar ?? '') === (b.ar ?? '') && (a.en ?? '') === (b.en ?? '');
}

function adminView(t: Theme, counts: Counts): TAdminTheme {
  return {
    id: t.id,
    parentId: t.parentId,
    slug: t.slug,
    name: t.name,
    colour: t.colour,
    icon: t.icon,
    position: t.position,
    isArchived: t.archivedAt !== null,
    archivedAt: t.archivedAt ? t.archivedAt.toISOString() : null,
    items: {
      problems: counts.problems.get(t.id) ?? 0,
      committees: counts.committees.get(t.id) ?? 0,
      upstreamDirections: counts.directions.get(t.id) ?? 0,
    },
  };
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TBoundary, TLocalizedText, TOrganization, TOrganizationSummary } from '@hamandishi/contracts';
import { ZSlug, ZUuid } from '@hamandishi/contracts';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import { AppError } from '../../common/errors/app-error';
import { OrganizationErrors } from './organizations.errors';
import type { District } from './district.entity';
import type { Organization } from './organization.entity';
import { OrganizationSettingsService } from './organization-settings.service';
import { OrganizationsRepository } from './organizations.repository';
import type { Theme } from './theme.entity';

/** Municipalities: looking them up by slug, and checks other modules make against their taxonomy. */
@Injectable()
export class OrganizationsService {
  // Every organisation-scoped request starts by resolving its slug; organisations change rarely,
  // so each process keeps them briefly. A change (rename, suspension) clears this process's copy
  // at once (`forget`); other API processes see it within the 30 s.
  private readonly bySlug = new ShortLivedCache<Organization>(30_000, 1_000);

  constructor(
    private readonly repository: OrganizationsRepository,
    private readonly settings: OrganizationSettingsService,
  ) {}

  async list(): Promise<TOrganizationSummary[]> {
    return (await this.repository.listAll()).map(summary);
  }

  /** The organisation for a URL slug; 404 `organizations.not_found` for an unknown or malformed slug. */
  async getBySlug(slug: string): Promise<Organization> {
    return this.bySlug.getOrLoad(slug, async () => {
      const organization = ZSlug.safeParse(slug).success ? await this.repository.findBySlug(slug) : null;
      if (!organization) throw new AppError('organizations.not_found', 404, 'Organization not found');
      return organization;
    });
  }

  /** The organisation with this id; 404 `organizations.not_found` otherwise. */
  async getById(id: string): Promise<Organization> {
    const organization = ZUuid.safeParse(id).success ? await this.repository.findById(id) : null;
    if (!organization) throw OrganizationErrors.notFound();
    return organization;
  }

  /**
   * Forgets the kept organisations after one changed, so this process sees a rename or a
   * suspension at once (other processes within the cache's 30 s).
   */
  forget(): void {
    this.bySlug.clear();
  }

  /** Throws 423 `organizations.suspended` when the municipality takes no input. */
  assertActive(organization: Organization): void {
    if (organization.status === 'suspended') throw OrganizationErrors.suspended();
  }

  async describe(slug: string): Promise<TOrganization> {
    const organization = await this.getBySlug(slug);
    const [districts, themes, settings] = await Promise.all([
      this.repository.districtsOf(organization.id),
      this.repository.themesOf(organization.id),
      this.settings.publicSettings(organization),
    ]);
    return {
      ...summary(organization),
      status: organization.status,
      mapCenter: { lat: organization.mapCenterLat, lng: organization.mapCenterLng },
      mapZoom: organization.mapZoom,
      districts: districts.map((d) => ({ id: d.id, number: d.number, name: d.name, boundary: d.boundary })),
      // Archived themes stay in the list (old items still show their names), marked so that
      // pickers leave them out.
      themes: themes.map((t) => ({
        id: t.id,
        parentId: t.parentId,
        slug: t.slug,
        name: t.name,
        position: t.position,
        colour: t.colour,
        icon: t.icon,
        isArchived: t.archivedAt !== null,
      })),
      ...settings,
    };
  }

  /** Throws 404 `organizations.district_not_found` unless the district belongs to this organisation. */
  async assertDistrict(organizationId: string, districtId: string): Promise<void> {
    if (!ZUuid.safeParse(districtId).success || !(await this.repository.hasDistrict(organizationId, districtId))) {
      throw new AppError('organizations.district_not_found', 404, 'District not found');
    }
  }

  /**
   * The organisation's districts, locked until the caller's transaction ends, so that two imports
   * or edits of one city's districts run one after the other.
   */
  lockDistricts(m: EntityManager, organizationId: string): Promise<District[]> {
    return this.repository.lockDistricts(m, organizationId);
  }

  /**
   * Creates a district (no id) or changes one, inside the caller's transaction; the bounding box
   * that the point lookup prefilters on follows the boundary. A taken number fails on the
   * `uq_district_number` constraint (23505) for the caller to translate.
   */
  saveDistrict(
    m: EntityManager,
    organizationId: string,
    district: { id?: string; number: number; name: TLocalizedText; boundary: TBoundary | null },
  ): Promise<District> {
    return this.repository.saveDistrict(m, { ...district, organizationId, ...boxOf(district.boundary) });
  }

  /** Deletes a district inside the caller's transaction (the caller checks what refers to it). */
  deleteDistrict(m: EntityManager, organizationId: string, id: string): Promise<void> {
    return this.repository.deleteDistrict(m, organizationId, id);
  }

  /**
   * Throws 404 `organizations.theme_not_found` unless the theme belongs to this organisation, and
   * 409 `organizations.theme_archived` when it is archived: an archived theme is not offered for
   * new items. `kept` lists the themes the item already carries, which it may keep even archived.
   */
  async assertTheme(organizationId: string, themeId: string, kept: Iterable<string> = []): Promise<void> {
    const theme = ZUuid.safeParse(themeId).success ? await this.repository.findTheme(organizationId, themeId) : null;
    if (!theme) throw new AppError('organizations.theme_not_found', 404, 'Theme not found');
    if (theme.archivedAt && ![...kept].includes(themeId)) {
      throw new AppError('organizations.theme_archived', 409, 'The theme is archived', { themeId: 'invalid_value' });
    }
  }

  // ---- the taxonomy's storage, for the themes module (which owns the rules) ---------------------

  /** Every theme of the organisation, archived ones included, by position. */
  themesOf(organizationId: string): Promise<Theme[]> {
    return this.repository.themesOf(organizationId);
  }

  /** Locks the organisation's taxonomy for the transaction and reads it. */
  async lockThemes(m: EntityManager, organizationId: string): Promise<Theme[]> {
    await this.repository.lockThemes(m, organizationId);
    return this.repository.themesIn(m, organizationId);
  }

  insertTheme(m: EntityManager, theme: Parameters<OrganizationsRepository['insertTheme']>[1]): Promise<string> {
    return this.repository.insertTheme(m, theme);
  }

  updateTheme(m: EntityManager, organizationId: string, themeId: string, patch: Parameters<OrganizationsRepository['updateTheme']>[3]): Promise<void> {
    return this.repository.updateTheme(m, organizationId, themeId, patch);
  }

  /** Numbers sibling themes 0, 1, 2... in the order given. */
  setThemeOrder(m: EntityManager, organizationId: string, orderedIds: string[]): Promise<void> {
    return this.repository.setThemeOrder(m, organizationId, orderedIds);
  }

  /** Deletes a theme; the caller has moved its items and sub-themes first. */
  deleteTheme(m: EntityManager, organizationId: string, themeId: string): Promise<void> {
    return this.repository.deleteTheme(m, organizationId, themeId);
  }
}

function summary(o: Organization): TOrganizationSummary {
  return { id: o.id, slug: o.slug, name: o.name, defaultLocale: o.defaultLocale };
}

function boxOf(boundary: TBoundary | null) {
  if (!boundary) return { minLat: null, minLng: null, maxLat: null, maxLng: null };
  const box = { minLat: Infinity, minLng: Infinity, maxLat: -Infinity, maxLng: -Infinity };
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  for (const rings of polygons) {
    for (const [lng, lat] of rings[0] ?? []) {
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
      box.minLng = Math.min(box.minLng, lng);
      box.maxLng = Math.max(box.maxLng, lng);
    }
  }
  return box;
}

import { Injectable } from '@nestjs/common';
import type { TBoundary, TLocalizedText, TOrganization, TOrganizationSummary } from '@hamandishi/contracts';
import type { EntityManager } from 'typeorm';
import { ZSlug, ZUuid } from '@hamandishi/contracts';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import { AppError } from '../../common/errors/app-error';
import type { District } from './district.entity';
import type { Organization } from './organization.entity';
import { OrganizationsRepository } from './organizations.repository';

/** Municipalities: looking them up by slug, and checks other modules make against their taxonomy. */
@Injectable()
export class OrganizationsService {
  // Every organisation-scoped request starts by resolving its slug; organisations change rarely,
  // so each process keeps them briefly.
  private readonly bySlug = new ShortLivedCache<Organization>(30_000, 1_000);

  constructor(private readonly repository: OrganizationsRepository) {}

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

  async describe(slug: string): Promise<TOrganization> {
    const organization = await this.getBySlug(slug);
    const [districts, themes] = await Promise.all([
      this.repository.districtsOf(organization.id),
      this.repository.themesOf(organization.id),
    ]);
    return {
      ...summary(organization),
      mapCenter: { lat: organization.mapCenterLat, lng: organization.mapCenterLng },
      mapZoom: organization.mapZoom,
      districts: districts.map((d) => ({ id: d.id, number: d.number, name: d.name, boundary: d.boundary })),
      themes: themes.map((t) => ({ id: t.id, parentId: t.parentId, slug: t.slug, name: t.name, position: t.position })),
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

  /** Throws 404 `organizations.theme_not_found` unless the theme belongs to this organisation. */
  async assertTheme(organizationId: string, themeId: string): Promise<void> {
    if (!ZUuid.safeParse(themeId).success || !(await this.repository.hasTheme(organizationId, themeId))) {
      throw new AppError('organizations.theme_not_found', 404, 'Theme not found');
    }
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

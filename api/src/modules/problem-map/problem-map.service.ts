import { Injectable } from '@nestjs/common';
import type { TProblemFilters } from '@hamandishi/contracts';
import { OrganizationsService } from '../organizations/organizations.service';
import { type Bbox, levelFor } from './problem-map-grid';
import { ProblemMapRepository } from './problem-map.repository';

/** A map or heat-map request after validation. */
export type MapRequest = TProblemFilters & { bbox: Bbox; zoom: number };

/** Slug → organisation id, kept briefly: the map is asked for on every pan, the slug rarely changes. */
const SLUG_TTL_MS = 30_000;
const SLUG_CACHE_MAX = 1_000;

/**
 * The problem map: clusters and points for a viewport, and heat-map cells, from the precomputed
 * grid (problem_map_cell, kept by a trigger) or, with filters the grid cannot answer, grouped on
 * the fly within the viewport.
 */
@Injectable()
export class ProblemMapService {
  private readonly slugs = new Map<string, { id: string; until: number }>();

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly repository: ProblemMapRepository,
  ) {}

  /** The map's answer (ZMapView) as JSON text. */
  async map(slug: string, request: MapRequest): Promise<string> {
    const { bbox, zoom, ...filters } = request;
    return this.repository.mapView(await this.organizationId(slug), bbox, levelFor(bbox, zoom), filters);
  }

  /** The heat map's answer (ZHeatView) as JSON text: one level finer than the clusters, for a smoother layer. */
  async heat(slug: string, request: MapRequest): Promise<string> {
    const { bbox, zoom, ...filters } = request;
    return this.repository.heatView(await this.organizationId(slug), bbox, levelFor(bbox, zoom, 1), filters);
  }

  private async organizationId(slug: string): Promise<string> {
    const now = Date.now();
    const cached = this.slugs.get(slug);
    if (cached && cached.until > now) return cached.id;
    const { id } = await this.organizations.getBySlug(slug);
    if (this.slugs.size >= SLUG_CACHE_MAX) this.slugs.clear();
    this.slugs.set(slug, { id, until: now + SLUG_TTL_MS });
    return id;
  }
}

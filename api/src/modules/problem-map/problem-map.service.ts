import { Injectable } from '@nestjs/common';
import type { TProblemFilters } from '@hamandishi/contracts';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import { OrganizationsService } from '../organizations/organizations.service';
import { type Bbox, cellRange, levelFor } from './problem-map-grid';
import { isPrecomputable, ProblemMapRepository } from './problem-map.repository';

/** A map or heat-map request after validation. */
export type MapRequest = TProblemFilters & { bbox: Bbox; zoom: number };

/**
 * Answers from the precomputed cells are kept one second: everyone looking at the whole city at
 * one zoom asks the same question, and a second is well within "new problems appear within
 * seconds". Keyed by the cells the viewport touches, which fully determine a cluster answer;
 * single points and on-the-fly filters depend on the exact box and are never kept.
 */

/**
 * The problem map: clusters and points for a viewport, and heat-map cells, from the precomputed
 * grid (problem_map_cell, kept by a trigger) or, with filters the grid cannot answer, grouped on
 * the fly within the viewport.
 */
@Injectable()
export class ProblemMapService {
  private readonly answers = new ShortLivedCache<string>(1_000);

  constructor(
    private readonly organizations: OrganizationsService,
    private readonly repository: ProblemMapRepository,
  ) {}

  /** The map's answer (ZMapView) as JSON text. */
  async map(slug: string, request: MapRequest): Promise<string> {
    const { bbox, zoom, ...filters } = request;
    const organizationId = await this.organizationId(slug);
    const level = levelFor(bbox, zoom);
    const key = isPrecomputable(filters, level) ? answerKey('map', organizationId, bbox, level, filters) : null;
    const kept = key ? this.answers.get(key) : undefined;
    if (kept) return kept;
    const answer = await this.repository.mapView(organizationId, bbox, level, filters);
    if (key && answer.clustered) this.answers.set(key, answer.json);
    return answer.json;
  }

  /** The heat map's answer (ZHeatView) as JSON text: one level finer than the clusters, for a smoother layer. */
  async heat(slug: string, request: MapRequest): Promise<string> {
    const { bbox, zoom, ...filters } = request;
    const organizationId = await this.organizationId(slug);
    const level = levelFor(bbox, zoom, 1);
    const key = isPrecomputable(filters, level) ? answerKey('heat', organizationId, bbox, level, filters) : null;
    const kept = key ? this.answers.get(key) : undefined;
    if (kept) return kept;
    const json = await this.repository.heatView(organizationId, bbox, level, filters);
    if (key) this.answers.set(key, json);
    return json;
  }

  // getBySlug keeps organisations briefly itself, so a pan costs no lookup.
  private async organizationId(slug: string): Promise<string> {
    return (await this.organizations.getBySlug(slug)).id;
  }
}

function answerKey(kind: string, organizationId: string, bbox: Bbox, level: number, filters: TProblemFilters): string {
  const r = cellRange(bbox, level);
  const f = filters;
  const keys = [f.themeId, f.status, f.districtId, f.capacity, f.stageId, f.activityId, f.from, f.to].map((v) => v ?? '').join(':');
  return `${kind}:${organizationId}:${level}:${r.x0}:${r.x1}:${r.y0}:${r.y1}:${keys}`;
}

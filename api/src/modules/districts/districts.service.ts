import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  TAdminDistrict,
  TBoundary,
  TCreateDistrict,
  TDistrictImportQuery,
  TDistrictImportReport,
  TDistrictImportResult,
  TDistrictPopulation,
  TDistrictPopulationInput,
  TGeoFeature,
  TUpdateDistrict,
} from '@hamandishi/contracts';
import { MAX_DISTRICT_FEATURES, MAX_DISTRICT_VERTICES, ZUuid } from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { District } from '../organizations/district.entity';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ProblemsService } from '../problems/problems.service';
import type { DistrictPopulation } from './district-population.entity';
import { DistrictErrors } from './districts.errors';
import { DistrictsRepository } from './districts.repository';
import type { GeoBox } from './geo/district-check';
import { DistrictChecker } from './geo/district-checker';
import { isForeignKeyViolation, isUniqueViolation } from '../../database/pg-errors';

/**
 * Half the side of the municipality's box, in degrees (about 55 km north-south): coordinates
 * outside it are refused, and a file whose coordinates would fall inside it with latitude and
 * longitude exchanged is said to have swapped axes. A municipality has a map centre, not a box.
 */
export const MUNICIPALITY_BOX_HALF_DEGREES = 0.5;

type ImportPlan = {
  updates: { district: District; feature: TGeoFeature }[];
  creates: { feature: TGeoFeature; number: number }[];
  kept: District[];
};


/**
 * A municipality's districts as its administrators manage them: GeoJSON imports checked in a
 * worker and saved with the re-derivation of every problem's district in one transaction,
 * districts drawn one by one, and their population.
 */
@Injectable()
export class DistrictsService {
  constructor(
    private readonly repository: DistrictsRepository,
    private readonly organizations: OrganizationsService,
    private readonly problems: ProblemsService,
    private readonly checker: DistrictChecker,
    private readonly audit: AuditService,
  ) {}

  /** The districts with their problem counts and population, for the administration. */
  async list(org: Organization): Promise<TAdminDistrict[]> {
    const [described, counts, populations] = await Promise.all([
      this.organizations.describe(org.slug),
      this.problems.byDistrict(org, {}),
      this.repository.populationsOf(org.id),
    ]);
    const countOf = new Map(counts.map((c) => [c.districtId, c.total]));
    const populationOf = new Map(populations.map((p) => [p.districtId, toPopulation(p)]));
    return described.districts.map((d) => ({
      ...d,
      problemCount: countOf.get(d.id) ?? 0,
      population: populationOf.get(d.id) ?? null,
    }));
  }

  /** The validation report of a GeoJSON file, with the existing districts it would leave out. Nothing is saved. */
  async preview(org: Organization, bytes: Buffer, query: TDistrictImportQuery): Promise<TDistrictImportReport> {
    const report = await this.checkFile(org, bytes, query);
    if (report.summary.errors > 0) return report;
    const existing = (await this.organizations.describe(org.slug)).districts as unknown as District[];
    return withKeptWarnings(report, planImport(report.features, existing, Boolean(query.numberProperty)).kept);
  }

  /**
   * Replaces the districts' geometry from a GeoJSON file and re-derives every problem's district,
   * in one transaction. Refused (400 with the report's errors) while the file has errors. A
   * district that the file leaves out is kept, with its names, members and problems placed by
   * district, but without a boundary; it is listed in the answer.
   */
  async import(org: Organization, actor: Actor, bytes: Buffer, query: TDistrictImportQuery): Promise<TDistrictImportResult> {
    const report = await this.checkFile(org, bytes, query);
    if (report.summary.errors > 0) throw DistrictErrors.invalidGeojson(report);
    return this.repository.db.transaction(async (m) => {
      const existing = await this.organizations.lockDistricts(m, org.id);
      const plan = planImport(report.features, existing, Boolean(query.numberProperty));
      const saved: District[] = [];
      for (const { district, feature } of plan.updates) {
        const name = query.numberProperty && feature.name !== district.name.fa ? { ...district.name, fa: feature.name! } : district.name;
        saved.push(await this.organizations.saveDistrict(m, org.id, { id: district.id, number: district.number, name, boundary: feature.boundary }));
      }
      for (const { feature, number } of plan.creates) {
        saved.push(await this.organizations.saveDistrict(m, org.id, { number, name: { fa: feature.name! }, boundary: feature.boundary }));
      }
      for (const district of plan.kept) {
        saved.push(await this.organizations.saveDistrict(m, org.id, { id: district.id, number: district.number, name: district.name, boundary: null }));
      }
      const problemsMoved = await this.problems.rederiveDistricts(m, org.id, saved);
      const result = {
        created: plan.creates.length,
        updated: plan.updates.length,
        kept: plan.kept.map((d) => ({ id: d.id, number: d.number, name: d.name })),
        problemsMoved,
      };
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'districts.import',
        entityType: 'organization',
        entityId: org.id,
        before: { districts: existing.map(summaryOf) },
        after: { districts: saved.map(summaryOf), ...result, vertices: report.summary.vertices },
      });
      return { ...result, report: withKeptWarnings(report, plan.kept) };
    });
  }

  /** One district drawn in the browser; its boundary is checked as an import is, overlaps with the others included. */
  async create(org: Organization, actor: Actor, input: TCreateDistrict): Promise<TAdminDistrict> {
    const district = await this.write(org, async (m) => {
      const existing = await this.organizations.lockDistricts(m, org.id);
      await this.checkDrawn(org, input.boundary, existing);
      const created = await this.organizations.saveDistrict(m, org.id, input);
      await this.problems.rederiveDistricts(m, org.id, [...existing, created]);
      await this.record(m, org, actor, 'district.create', created.id, null, summaryOf(created));
      return created;
    });
    return this.adminView(org, district.id);
  }

  /** Names, number, or a boundary drawn or adjusted in the browser; problems follow a new boundary. */
  async update(org: Organization, actor: Actor, id: string, input: TUpdateDistrict): Promise<TAdminDistrict> {
    await this.write(org, async (m) => {
      const existing = await this.organizations.lockDistricts(m, org.id);
      const district = existing.find((d) => d.id === id);
      if (!district) throw DistrictErrors.notFound();
      const others = existing.filter((d) => d.id !== id);
      if (input.boundary) await this.checkDrawn(org, input.boundary, others);
      const before = summaryOf(district);
      const saved = await this.organizations.saveDistrict(m, org.id, {
        id,
        number: input.number ?? district.number,
        name: input.name ?? district.name,
        boundary: input.boundary ?? district.boundary,
      });
      if (input.boundary) await this.problems.rederiveDistricts(m, org.id, [...others, saved]);
      await this.record(m, org, actor, 'district.update', id, before, summaryOf(saved));
    });
    return this.adminView(org, id);
  }

  /** Deletes a district that no problem names (409 `districts.in_use` otherwise). */
  async remove(org: Organization, actor: Actor, id: string): Promise<void> {
    await this.write(org, async (m) => {
      const existing = await this.organizations.lockDistricts(m, org.id);
      const district = existing.find((d) => d.id === id);
      if (!district) throw DistrictErrors.notFound();
      const problems = await this.problems.countInDistrict(m, org.id, id);
      if (problems > 0) throw DistrictErrors.inUse(problems);
      await this.organizations.deleteDistrict(m, org.id, id);
      await this.record(m, org, actor, 'district.delete', id, summaryOf(district), null);
    });
  }

  /** A district's population, or null when none was entered. */
  async population(org: Organization, districtId: string): Promise<TDistrictPopulation | null> {
    await this.assertDistrict(org, districtId);
    const row = await this.repository.populationOf(this.repository.db.manager, org.id, districtId);
    return row ? toPopulation(row) : null;
  }

  /** Replaces a district's population (the shared schema checks the sums; so does the table). */
  async setPopulation(org: Organization, actor: Actor, districtId: string, input: TDistrictPopulationInput): Promise<TDistrictPopulation> {
    await this.assertDistrict(org, districtId);
    return this.repository.db.transaction(async (m) => {
      const before = await this.repository.populationOf(m, org.id, districtId);
      const row = await this.repository.savePopulation(m, { ...input, organizationId: org.id, districtId });
      const after = toPopulation(row);
      await this.record(m, org, actor, 'district.population', districtId, before ? toPopulation(before) : null, after);
      return after;
    });
  }

  /**
   * The population of every district of a municipality that has one, by district id: for later
   * features (a survey's representativeness, participation per inhabitant).
   */
  async populationsOf(organizationId: string): Promise<Map<string, TDistrictPopulation>> {
    const rows = await this.repository.populationsOf(organizationId);
    return new Map(rows.map((r) => [r.districtId, toPopulation(r)]));
  }

  private async assertDistrict(org: Organization, districtId: string): Promise<void> {
    if (!ZUuid.safeParse(districtId).success) throw DistrictErrors.notFound();
    await this.organizations.assertDistrict(org.id, districtId);
  }

  private async adminView(org: Organization, id: string): Promise<TAdminDistrict> {
    const found = (await this.list(org)).find((d) => d.id === id);
    if (!found) throw DistrictErrors.notFound();
    return found;
  }

  private checkFile(org: Organization, bytes: Buffer, query: TDistrictImportQuery): Promise<TDistrictImportReport> {
    return this.checker.check({
      kind: 'file',
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      options: {
        box: boxOf(org),
        nameProperty: query.nameProperty,
        numberProperty: query.numberProperty,
        maxVertices: MAX_DISTRICT_VERTICES,
        maxFeatures: MAX_DISTRICT_FEATURES,
      },
    });
  }

  private async checkDrawn(org: Organization, boundary: TBoundary, others: District[]): Promise<void> {
    const report = await this.checker.check({
      kind: 'drawn',
      boundary,
      others: others.filter((d) => d.boundary).map((d) => ({ name: d.name.fa, boundary: d.boundary! })),
      box: boxOf(org),
    });
    if (report.summary.errors > 0) throw DistrictErrors.invalidBoundary(report);
  }

  private async write<T>(org: Organization, work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.repository.db.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_district_number')) throw DistrictErrors.numberTaken();
      if (isForeignKeyViolation(error)) throw DistrictErrors.inUse(0);
      throw error;
    }
  }

  private record(m: EntityManager, org: Organization, actor: Actor, action: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action, entityType: 'district', entityId, before, after });
  }
}

/** The box around the municipality's map centre (see MUNICIPALITY_BOX_HALF_DEGREES). */
function boxOf(org: Organization): GeoBox {
  const d = MUNICIPALITY_BOX_HALF_DEGREES;
  return { minLat: org.mapCenterLat - d, maxLat: org.mapCenterLat + d, minLng: org.mapCenterLng - d, maxLng: org.mapCenterLng + d };
}

/**
 * Which existing district each feature replaces: by number when the file has a number property,
 * else by name (in any language). The others are new, numbered after the highest number; the
 * existing districts no feature matched are kept.
 */
export function planImport(
  features: TGeoFeature[],
  existing: Pick<District, 'id' | 'number' | 'name' | 'boundary'>[],
  byNumber: boolean,
): ImportPlan {
  const plan: ImportPlan = { updates: [], creates: [], kept: [] };
  const matched = new Set<string>();
  let next = Math.max(0, ...existing.map((d) => d.number), ...features.map((f) => f.number ?? 0)) + 1;
  for (const feature of features) {
    const district = existing.find((d) =>
      byNumber ? d.number === feature.number : [d.name.fa, d.name.ar, d.name.en].includes(feature.name ?? undefined),
    );
    if (district && !matched.has(district.id)) {
      matched.add(district.id);
      plan.updates.push({ district: district as District, feature });
    } else {
      plan.creates.push({ feature, number: byNumber && feature.number !== null ? feature.number : next++ });
    }
  }
  plan.kept = existing.filter((d) => !matched.has(d.id)) as District[];
  return plan;
}

function withKeptWarnings(report: TDistrictImportReport, kept: Pick<District, 'name'>[]): TDistrictImportReport {
  const warnings = kept.map((d) => ({
    severity: 'warning' as const,
    code: 'missing_from_file' as const,
    featureIndex: null,
    detail: d.name.fa,
  }));
  return {
    ...report,
    issues: [...report.issues, ...warnings],
    summary: { ...report.summary, warnings: report.summary.warnings + warnings.length },
  };
}

function summaryOf(d: Pick<District, 'id' | 'number' | 'name' | 'boundary'>) {
  const polygons = !d.boundary ? [] : d.boundary.type === 'Polygon' ? [d.boundary.coordinates] : d.boundary.coordinates;
  return { id: d.id, number: d.number, name: d.name, vertices: polygons.flat().reduce((n, r) => n + r.length, 0) };
}

function toPopulation(p: DistrictPopulation): TDistrictPopulation {
  return {
    districtId: p.districtId,
    sourceYear: p.sourceYear,
    total: p.total,
    male: p.male,
    female: p.female,
    ageUnder18: p.ageUnder18,
    age18to29: p.age18to29,
    age30to44: p.age30to44,
    age45to59: p.age45to59,
    age60plus: p.age60plus,
    updatedAt: p.updatedAt.toISOString(),
  };
}

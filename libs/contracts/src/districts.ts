import { z } from 'zod';
import { ZLocalizedText, ZUuid } from './common';
import { ZBoundary } from './organizations';
import { toAsciiDigits } from '@hamandishi/text';
import { textToken } from './text';

/** Largest GeoJSON file a district import takes (bytes). */
export const MAX_DISTRICT_FILE_BYTES = 10 * 1024 * 1024;
/** Most vertices (positions) in one district import, all features together. */
export const MAX_DISTRICT_VERTICES = 200_000;
/** Most features in one district import (a big city has 15-22 districts). */
export const MAX_DISTRICT_FEATURES = 500;
/** Most vertices of one district drawn in the browser. */
export const MAX_DRAWN_VERTICES = 20_000;
/** The content type a GeoJSON file is sent with to the import routes. */
export const GEOJSON_CONTENT_TYPE = 'application/geo+json';

/** How serious a finding of the GeoJSON report is: errors block saving, warnings and notes do not. */
export const ZGeoSeverity = z.enum(['error', 'warning', 'info']);
/** How serious a finding is. */
export type TGeoSeverity = z.infer<typeof ZGeoSeverity>;

/** What a finding of the GeoJSON report is about (translated by the web as `admin:districts.issue.<code>`). */
export const GEO_ISSUE_CODES = [
  'not_json',
  'not_feature_collection',
  'no_features',
  'not_a_feature',
  'geometry_type',
  'invalid_coordinates',
  'too_few_points',
  'unclosed_ring',
  'self_intersection',
  'hole',
  'missing_name',
  'invalid_number',
  'duplicate_number',
  'duplicate_name',
  'outside_box',
  'swapped_axes',
  'overlap',
  'gap',
  'missing_from_file',
] as const;
/** What a finding is about. */
export const ZGeoIssueCode = z.enum(GEO_ISSUE_CODES);
/** What a finding is about. */
export type TGeoIssueCode = z.infer<typeof ZGeoIssueCode>;

/** A [lat, lng] place a finding points at (a kink, the middle of an overlap or gap...). */
export const ZGeoPoint = z.object({ lat: z.number(), lng: z.number() });
/** A place on the map. */
export type TGeoPoint = z.infer<typeof ZGeoPoint>;

/** One finding of the report: about the file (featureIndex null), a feature, or two features. */
export const ZGeoIssue = z.object({
  severity: ZGeoSeverity,
  code: ZGeoIssueCode,
  /** 0-based index of the feature in the file; null for the whole file. */
  featureIndex: z.number().int().nullable(),
  /** The other feature of an overlap or a duplicate. */
  otherFeatureIndex: z.number().int().nullable().optional(),
  /** Where on the map. */
  location: ZGeoPoint.nullable().optional(),
  /** Square metres of an overlap, gap or hole. */
  areaM2: z.number().nullable().optional(),
  /** The geometry type found where a Polygon was expected; the name of a kept district... */
  detail: z.string().nullable().optional(),
});
/** One finding of the report. */
export type TGeoIssue = z.infer<typeof ZGeoIssue>;

/** A feature of the file as read, for the list and the map preview. */
export const ZGeoFeature = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  number: z.number().int().nullable(),
  /** Null when the geometry is unusable (a Point, broken coordinates). */
  boundary: ZBoundary.nullable(),
  vertices: z.number().int(),
  areaM2: z.number(),
});
/** A feature of the file as read. */
export type TGeoFeature = z.infer<typeof ZGeoFeature>;

/** The validation report of a GeoJSON file or a drawn boundary. Nothing is saved by making it. */
export const ZDistrictImportReport = z.object({
  summary: z.object({
    features: z.number().int(),
    vertices: z.number().int(),
    totalAreaM2: z.number(),
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
  }),
  /** Property names found on the features (to choose the name property from). */
  properties: z.array(z.string()),
  issues: z.array(ZGeoIssue),
  features: z.array(ZGeoFeature),
});
/** The validation report. */
export type TDistrictImportReport = z.infer<typeof ZDistrictImportReport>;

/** Query of the import routes: which feature property holds the name, and optionally the number. */
export const ZDistrictImportQuery = z.strictObject({
  nameProperty: textToken({ max: 100 }).optional(),
  numberProperty: textToken({ max: 100 }).optional(),
});
/** Query of the import routes. */
export type TDistrictImportQuery = z.infer<typeof ZDistrictImportQuery>;

/** What a saved import did. */
export const ZDistrictImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  /** Districts that were not in the file: kept (names, members, history) without a boundary. */
  kept: z.array(z.object({ id: ZUuid, number: z.number().int(), name: ZLocalizedText })),
  /** Problems whose district changed. */
  problemsMoved: z.number().int(),
  report: ZDistrictImportReport,
});
/** What a saved import did. */
export type TDistrictImportResult = z.infer<typeof ZDistrictImportResult>;

const ZDistrictNumber = z.preprocess((v) => (typeof v === 'string' ? Number(toAsciiDigits(v.trim()) || NaN) : v), z.number().int().min(1).max(9999));

/** POST /districts: one district drawn in the browser. */
export const ZCreateDistrict = z.strictObject({
  number: ZDistrictNumber,
  name: ZLocalizedText,
  boundary: ZBoundary,
});
/** A district drawn in the browser. */
export type TCreateDistrict = z.infer<typeof ZCreateDistrict>;

/** PATCH /districts/:id: names, number, or a boundary drawn or adjusted in the browser. */
export const ZUpdateDistrict = z.strictObject({
  number: ZDistrictNumber.optional(),
  name: ZLocalizedText.optional(),
  boundary: ZBoundary.optional(),
});
/** Changes to a district. */
export type TUpdateDistrict = z.infer<typeof ZUpdateDistrict>;

/**
 * Age bands of a district's population: the same bands as a participant's demographics
 * (identity AGE_BANDS, in that order), so that a survey's respondents can be compared with the
 * district they live in.
 */
export const POPULATION_AGE_BANDS = ['ageUnder18', 'age18to29', 'age30to44', 'age45to59', 'age60plus'] as const;
/** One age band of a population. */
export type TPopulationAgeBand = (typeof POPULATION_AGE_BANDS)[number];

/**
 * A whole number typed with Latin, Persian or Arabic-Indic digits (and thousands separators);
 * an empty box is null.
 */
const digitsToNumber = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const text = toAsciiDigits(v).replace(/[\s,٬،]/g, '');
  return text === '' ? null : Number(text);
};
const ZHeadcount = z.preprocess(digitsToNumber, z.number().int().min(0).max(100_000_000));
const ZOptionalHeadcount = z.preprocess(digitsToNumber, z.number().int().min(0).max(100_000_000).nullable());

/**
 * A district's population from one source (a census, an estimate) of a Jalali year. Men and women
 * together, and the age bands together, may not exceed the total (the rest is unknown).
 */
export const ZDistrictPopulationInput = z
  .strictObject({
    sourceYear: z.preprocess(digitsToNumber, z.number().int().min(1300).max(1500)),
    total: ZHeadcount.refine((n) => n > 0, 'too_small'),
    male: ZOptionalHeadcount,
    female: ZOptionalHeadcount,
    ageUnder18: ZOptionalHeadcount,
    age18to29: ZOptionalHeadcount,
    age30to44: ZOptionalHeadcount,
    age45to59: ZOptionalHeadcount,
    age60plus: ZOptionalHeadcount,
  })
  .superRefine((p, ctx) => {
    if ((p.male ?? 0) + (p.female ?? 0) > p.total) {
      for (const path of ['male', 'female'] as const)
        if (p[path] !== null) ctx.addIssue({ code: 'custom', path: [path], message: 'too_big' });
    }
    const bands = POPULATION_AGE_BANDS.reduce((sum, band) => sum + (p[band] ?? 0), 0);
    if (bands > p.total) {
      for (const band of POPULATION_AGE_BANDS)
        if (p[band] !== null) ctx.addIssue({ code: 'custom', path: [band], message: 'too_big' });
    }
  });
/** A district's population as entered. */
export type TDistrictPopulationInput = z.infer<typeof ZDistrictPopulationInput>;
/** The form's values before coercion. */
export type TDistrictPopulationForm = z.input<typeof ZDistrictPopulationInput>;

/** A district's population as stored. */
export const ZDistrictPopulation = z.object({
  districtId: ZUuid,
  sourceYear: z.number().int(),
  total: z.number().int(),
  male: z.number().int().nullable(),
  female: z.number().int().nullable(),
  ageUnder18: z.number().int().nullable(),
  age18to29: z.number().int().nullable(),
  age30to44: z.number().int().nullable(),
  age45to59: z.number().int().nullable(),
  age60plus: z.number().int().nullable(),
  updatedAt: z.string(),
});
/** A district's population as stored. */
export type TDistrictPopulation = z.infer<typeof ZDistrictPopulation>;

/** A district as the administration lists it. */
export const ZAdminDistrict = z.object({
  id: ZUuid,
  number: z.number().int(),
  name: ZLocalizedText,
  boundary: ZBoundary.nullable(),
  problemCount: z.number().int(),
  population: ZDistrictPopulation.nullable(),
});
/** A district as the administration lists it. */
export type TAdminDistrict = z.infer<typeof ZAdminDistrict>;

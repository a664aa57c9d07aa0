import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A district's population (one current figure per district, with the Jalali year of its source),
 * by gender and by the age bands of a participant's demographics, so that later features (a
 * survey's representativeness, participation per inhabitant) can compare against it. The sums are
 * checked here as well as in the shared schema: nothing stored can claim more men and women, or
 * more people in the age bands, than the total.
 */
export class DistrictPopulation1764820000000 implements MigrationInterface {
  name = 'DistrictPopulation1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE district_population (
        district_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        source_year integer NOT NULL,
        total integer NOT NULL,
        male integer,
        female integer,
        age_under_18 integer,
        age_18_29 integer,
        age_30_44 integer,
        age_45_59 integer,
        age_60_plus integer,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_district_population_district FOREIGN KEY (organization_id, district_id)
          REFERENCES district(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_district_population_year CHECK (source_year BETWEEN 1300 AND 1500),
        CONSTRAINT ck_district_population_counts CHECK (
          total > 0
          AND coalesce(male, 0) >= 0 AND coalesce(female, 0) >= 0
          AND coalesce(male, 0) + coalesce(female, 0) <= total
          AND coalesce(age_under_18, 0) >= 0 AND coalesce(age_18_29, 0) >= 0 AND coalesce(age_30_44, 0) >= 0
          AND coalesce(age_45_59, 0) >= 0 AND coalesce(age_60_plus, 0) >= 0
          AND coalesce(age_under_18, 0) + coalesce(age_18_29, 0) + coalesce(age_30_44, 0)
            + coalesce(age_45_59, 0) + coalesce(age_60_plus, 0) <= total)
      )`);
    await q.query(`CREATE INDEX ix_district_population_org ON district_population (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE district_population`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ThemeIcon, TLocalizedText } from '@hamandishi/contracts';
import { District } from './district.entity';
import { Organization } from './organization.entity';
import { Theme } from './theme.entity';

/** Purpose-named queries over municipalities, districts and themes. */
@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listAll(): Promise<Organization[]> {
    return this.db.getRepository(Organization).find({ order: { slug: 'ASC' } });
  }

  findBySlug(slug: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOneBy({ slug });
  }

  findById(id: string): Promise<Organization | null> {
    return this.db.getRepository(Organization).findOneBy({ id });
  }

  districtsOf(organizationId: string): Promise<District[]> {
    return this.db.getRepository(District).find({ where: { organizationId }, order: { number: 'ASC' } });
  }

  themesOf(organizationId: string): Promise<Theme[]> {
    return this.db.getRepository(Theme).find({ where: { organizationId }, order: { position: 'ASC', slug: 'ASC' } });
  }

  async hasDistrict(organizationId: string, districtId: string): Promise<boolean> {
    return this.db.getRepository(District).existsBy({ organizationId, id: districtId });
  }

  findTheme(organizationId: string, themeId: string): Promise<Theme | null> {
    return this.db.getRepository(Theme).findOneBy({ organizationId, id: themeId });
  }

  // ---- the taxonomy's writes (called by the themes module inside its transactions) -----------

  /** Serialises changes to one organisation's taxonomy (positions, levels) until the transaction ends. */
  async lockThemes(m: EntityManager, organizationId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('theme:' || $1::text, 0))`, [organizationId]);
  }

  themesIn(m: EntityManager, organizationId: string): Promise<Theme[]> {
    return m.getRepository(Theme).find({ where: { organizationId }, order: { position: 'ASC', slug: 'ASC' } });
  }

  async insertTheme(
    m: EntityManager,
    t: { organizationId: string; parentId: string | null; slug: string; name: TLocalizedText; colour: string; icon: ThemeIcon; position: number; archivedAt?: Date | null },
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO theme (organization_id, parent_id, slug, name, colour, icon, position, archived_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [t.organizationId, t.parentId, t.slug, JSON.stringify(t.name), t.colour, t.icon, t.position, t.archivedAt ?? null],
    );
    return rows[0].id;
  }

  async updateTheme(
    m: EntityManager,
    organizationId: string,
    themeId: string,
    patch: Partial<Pick<Theme, 'parentId' | 'slug' | 'name' | 'colour' | 'icon' | 'position' | 'archivedAt'>>,
  ): Promise<void> {
    if (Object.keys(patch).length) await m.getRepository(Theme).update({ organizationId, id: themeId }, patch);
  }

  /** Numbers the given themes 0, 1, 2... in the order given (siblings under one parent). */
  async setThemeOrder(m: EntityManager, organizationId: string, orderedIds: string[]): Promise<void> {
    if (!orderedIds.length) return;
    await m.query(
      `UPDATE theme t SET position = o.ord - 1
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
        WHERE t.organization_id = $1 AND t.id = o.id AND t.position <> o.ord - 1`,
      [organizationId, orderedIds],
    );
  }

  async deleteTheme(m: EntityManager, organizationId: string, themeId: string): Promise<void> {
    await m.query(`DELETE FROM theme WHERE organization_id = $1 AND id = $2`, [organizationId, themeId]);
  }

  /** The organisation's districts, locked until the transaction ends: one import or edit at a time. */
  lockDistricts(m: EntityManager, organizationId: string): Promise<District[]> {
    return m.getRepository(District).find({
      where: { organizationId },
      order: { number: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  saveDistrict(m: EntityManager, district: Partial<District> & { organizationId: string }): Promise<District> {
    return m.getRepository(District).save(m.getRepository(District).create(district));
  }

  async deleteDistrict(m: EntityManager, organizationId: string, id: string): Promise<void> {
    await m.getRepository(District).delete({ organizationId, id });
  }
}

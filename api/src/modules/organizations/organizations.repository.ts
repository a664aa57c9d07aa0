import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
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

  districtsOf(organizationId: string): Promise<District[]> {
    return this.db.getRepository(District).find({ where: { organizationId }, order: { number: 'ASC' } });
  }

  themesOf(organizationId: string): Promise<Theme[]> {
    return this.db.getRepository(Theme).find({ where: { organizationId }, order: { position: 'ASC', slug: 'ASC' } });
  }

  async hasDistrict(organizationId: string, districtId: string): Promise<boolean> {
    return this.db.getRepository(District).existsBy({ organizationId, id: districtId });
  }

  async hasTheme(organizationId: string, themeId: string): Promise<boolean> {
    return this.db.getRepository(Theme).existsBy({ organizationId, id: themeId });
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

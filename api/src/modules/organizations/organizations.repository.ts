import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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

  async hasTheme(organizationId: string, themeId: string): Promise<boolean> {
    return this.db.getRepository(Theme).existsBy({ organizationId, id: themeId });
  }
}

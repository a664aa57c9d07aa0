import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DistrictPopulation } from './district-population.entity';

/** Purpose-named queries over district populations. */
@Injectable()
export class DistrictsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  populationsOf(organizationId: string): Promise<DistrictPopulation[]> {
    return this.db.getRepository(DistrictPopulation).findBy({ organizationId });
  }

  populationOf(m: EntityManager, organizationId: string, districtId: string): Promise<DistrictPopulation | null> {
    return m.getRepository(DistrictPopulation).findOneBy({ organizationId, districtId });
  }

  async savePopulation(m: EntityManager, row: Omit<DistrictPopulation, 'updatedAt'>): Promise<DistrictPopulation> {
    await m.getRepository(DistrictPopulation).upsert({ ...row, updatedAt: new Date() }, ['districtId']);
    return (await this.populationOf(m, row.organizationId, row.districtId))!;
  }
}

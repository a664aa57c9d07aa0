import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProblemsModule } from '../problems/problems.module';
import { DistrictsController } from './districts.controller';
import { DistrictsRepository } from './districts.repository';
import { DistrictsService } from './districts.service';
import { GeojsonBody } from './geojson-body';
import { DistrictChecker } from './geo/district-checker';

/**
 * A municipality's districts as its administrators manage them: GeoJSON import with a validation
 * report, districts drawn on the map, re-derivation of problems' districts, and population.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, ProblemsModule],
  controllers: [DistrictsController],
  providers: [GeojsonBody, DistrictChecker, DistrictsRepository, DistrictsService],
  exports: [DistrictsService],
})
export class DistrictsModule {}

import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProblemMapController } from './problem-map.controller';
import { ProblemMapRepository } from './problem-map.repository';
import { ProblemMapService } from './problem-map.service';

/** The problem map and heat map, answered from precomputed grid cells (see the ProblemMap migration). */
@Module({
  imports: [OrganizationsModule],
  controllers: [ProblemMapController],
  providers: [ProblemMapService, ProblemMapRepository],
})
export class ProblemMapModule {}

import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { DemandClassifierController } from './classifier.controller';
import { DemandClassifierRepository } from './classifier.repository';
import { DemandClassifierService } from './classifier.service';
import { DemandClassifierRunner } from './classifier-runner';

/**
 * Suggested themes for demands from a fastText (WebAssembly) model per municipality, trained in a
 * worker thread from the job queue. The demands hub calls `DemandClassifierService.tagsChanged` and
 * `demandsArrived`; a schedule catches up on anything missed.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule],
  controllers: [DemandClassifierController],
  providers: [DemandClassifierRepository, DemandClassifierRunner, DemandClassifierService],
  exports: [DemandClassifierService],
})
export class DemandClassifierModule {}

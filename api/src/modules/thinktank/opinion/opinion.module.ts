import { Module } from '@nestjs/common';
import { OpinionRepository } from './opinion.repository';
import { OpinionRunner } from './opinion-runner';
import { OpinionService } from './opinion.service';

/** Opinion votes on think-tank statements and the opinion groups computed from them (job + worker thread). */
@Module({
  providers: [OpinionRepository, OpinionRunner, OpinionService],
  exports: [OpinionService],
})
export class OpinionModule {}

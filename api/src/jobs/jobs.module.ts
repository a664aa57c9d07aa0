import { Global, Module } from '@nestjs/common';
import { Housekeeping } from './housekeeping';
import { JobsService } from './jobs.service';

@Global()
@Module({ providers: [JobsService, Housekeeping], exports: [JobsService] })
export class JobsModule {}

import { Module } from '@nestjs/common';
import { StakeholderLinksService } from './stakeholder-links.service';

/** The registry's linked-accounts check, for modules the registry itself reads from (problems). */
@Module({ providers: [StakeholderLinksService], exports: [StakeholderLinksService] })
export class StakeholderLinksModule {}

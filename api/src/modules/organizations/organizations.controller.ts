import { Controller, Get, Param } from '@nestjs/common';
import { z } from 'zod';
import { ZOrganization, ZOrganizationSummary } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { OrganizationsService } from './organizations.service';

@Controller('api/orgs')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Endpoint({ summary: 'List municipalities', response: z.array(ZOrganizationSummary), tags: ['organizations'] })
  list() {
    return this.organizations.list();
  }

  @Get(':slug')
  @Endpoint({ summary: 'A municipality with its districts and themes', response: ZOrganization, tags: ['organizations'] })
  describe(@Param('slug') slug: string) {
    return this.organizations.describe(slug);
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import type { z } from 'zod';
import { ZAuditFacets, ZAuditPage, ZAuditQuery } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { AuditService } from './audit.service';

@Controller('api/orgs/:slug/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @Endpoint({ summary: 'The audit log (admin)', query: ZAuditQuery, response: ZAuditPage, tags: ['audit'] })
  list(@CurrentOrganization() organization: Organization, @Query() query: z.output<typeof ZAuditQuery>) {
    return this.audit.page(organization.id, query);
  }

  @Get('facets')
  @Roles('admin')
  @Endpoint({ summary: 'The entity types and actors in the audit log, for its filters (admin)', response: ZAuditFacets, tags: ['audit'] })
  facets(@CurrentOrganization() organization: Organization) {
    return this.audit.facets(organization.id);
  }
}

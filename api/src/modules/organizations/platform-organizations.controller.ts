import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  ZCreatePlatformOrganization,
  ZPlatformOrganization,
  ZPlatformOrganizationCreated,
  ZUpdatePlatformOrganization,
} from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, Superadmin } from '../identity/decorators';
import { PlatformOrganizationsService } from './platform-organizations.service';

/** The platform administration: municipalities, for superadmins. Routes take the id, never a slug. */
@Controller('api/platform/organizations')
@Superadmin()
export class PlatformOrganizationsController {
  constructor(private readonly platform: PlatformOrganizationsService) {}

  @Get()
  @Endpoint({ summary: 'Every municipality with its counts (superadmin)', response: z.array(ZPlatformOrganization), tags: ['platform'] })
  list() {
    return this.platform.list();
  }

  @Post()
  @Endpoint({
    summary: 'Create a municipality and invite its first admin (superadmin)',
    body: ZCreatePlatformOrganization,
    response: ZPlatformOrganizationCreated,
    status: 201,
    tags: ['platform'],
  })
  create(@CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreatePlatformOrganization>) {
    return this.platform.create(actor, input);
  }

  @Get(':id')
  @Endpoint({ summary: 'One municipality (superadmin)', response: ZPlatformOrganization, tags: ['platform'] })
  get(@Param('id') id: string) {
    return this.platform.get(id);
  }

  @Patch(':id')
  @Endpoint({
    summary: 'Rename or change a municipality (superadmin)',
    body: ZUpdatePlatformOrganization,
    response: ZPlatformOrganization,
    tags: ['platform'],
  })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() input: z.output<typeof ZUpdatePlatformOrganization>) {
    return this.platform.update(actor, id, input);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Endpoint({ summary: 'Suspend a municipality: read-only (superadmin)', response: ZPlatformOrganization, tags: ['platform'] })
  suspend(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.platform.setStatus(actor, id, 'suspended');
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @Endpoint({ summary: 'Re-activate a suspended municipality (superadmin)', response: ZPlatformOrganization, tags: ['platform'] })
  reactivate(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.platform.setStatus(actor, id, 'active');
  }
}

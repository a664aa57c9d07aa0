import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZAdminDistrict,
  ZCreateDistrict,
  ZDistrictImportQuery,
  ZDistrictImportReport,
  ZDistrictImportResult,
  ZDistrictPopulation,
  ZDistrictPopulationInput,
  ZUpdateDistrict,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { DistrictsService } from './districts.service';

const tags = ['districts'];

function fileOf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new AppError('common.unsupported_media_type', 415, 'Send the GeoJSON file itself');
  return body;
}

@Controller('api/orgs/:slug/districts')
export class DistrictsController {
  constructor(private readonly districts: DistrictsService) {}

  @Get()
  @Roles('admin')
  @Endpoint({ summary: 'Districts with problem counts and population (admin)', response: z.array(ZAdminDistrict), tags })
  list(@CurrentOrganization() org: Organization) {
    return this.districts.list(org);
  }

  @Post('import/preview')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({
    summary: 'Check a GeoJSON file of districts (application/geo+json body); nothing is saved (admin)',
    query: ZDistrictImportQuery,
    response: ZDistrictImportReport,
    tags,
  })
  preview(@CurrentOrganization() org: Organization, @Body() body: unknown, @Query() query: z.output<typeof ZDistrictImportQuery>) {
    return this.districts.preview(org, fileOf(body), query);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({
    summary: "Replace the districts' geometry from a GeoJSON file and re-derive the problems' districts (admin)",
    query: ZDistrictImportQuery,
    response: ZDistrictImportResult,
    tags,
  })
  import(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Body() body: unknown,
    @Query() query: z.output<typeof ZDistrictImportQuery>,
  ) {
    return this.districts.import(org, actor, fileOf(body), query);
  }

  @Post()
  @Roles('admin')
  @Endpoint({ summary: 'Create a district drawn on the map (admin)', body: ZCreateDistrict, response: ZAdminDistrict, status: 201, tags })
  create(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreateDistrict>) {
    return this.districts.create(org, actor, input);
  }

  @Patch(':id')
  @Roles('admin')
  @Endpoint({ summary: "Change a district's names, number or boundary (admin)", body: ZUpdateDistrict, response: ZAdminDistrict, tags })
  update(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() input: z.output<typeof ZUpdateDistrict>,
  ) {
    return this.districts.update(org, actor, id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @Endpoint({ summary: 'Delete a district no problem names (admin)', status: 204, tags })
  remove(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.districts.remove(org, actor, id);
  }

  @Get(':id/population')
  @Roles('admin')
  @Endpoint({ summary: "A district's population (admin)", response: ZDistrictPopulation.nullable(), tags })
  population(@CurrentOrganization() org: Organization, @Param('id') id: string) {
    return this.districts.population(org, id);
  }

  @Put(':id/population')
  @Roles('admin')
  @Endpoint({ summary: "Replace a district's population (admin)", body: ZDistrictPopulationInput, response: ZDistrictPopulation, tags })
  setPopulation(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() input: z.output<typeof ZDistrictPopulationInput>,
  ) {
    return this.districts.setPopulation(org, actor, id, input);
  }
}

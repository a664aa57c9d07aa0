import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import {
  ZBulkTagDemands,
  ZCreateDemand,
  ZCreateDemandGroup,
  ZDemand,
  ZDemandFilter,
  ZDemandGroup,
  ZDemandGroupList,
  ZDemandGroupSuggestions,
  ZDemandImportQuery,
  ZDemandImportReport,
  ZDemandListQuery,
  ZDemandMap,
  ZDemandMatrix,
  ZDemandMatrixQuery,
  ZDemandPage,
  ZDemandParticipation,
  ZDemandPlanQuery,
  ZDemandTagChange,
  ZDemandTagResult,
  ZDemandTrends,
  ZMergeDemandGroup,
  ZSplitDemandGroup,
  ZUpdateDemandGroup,
} from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { assertImportFile, DemandImportService } from './demand-import';
import { DemandErrors } from './demands.errors';
import { DemandsService } from './demands.service';

const DemandId = () => Param('demandId', new ParseUUIDPipe({ exceptionFactory: () => DemandErrors.notFound() }));
const GroupId = () => Param('groupId', new ParseUUIDPipe({ exceptionFactory: () => DemandErrors.groupNotFound() }));

const tags = ['demands'];
const PLANNERS = ['planner', 'admin'] as const;

/** The demands hub (planners of the municipality): the table, tagging, import, views and groups. */
@Controller('api/orgs/:slug/demands')
export class DemandsController {
  constructor(
    private readonly demands: DemandsService,
    private readonly imports: DemandImportService,
  ) {}

  @Get()
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Demands of a plan, filtered on every dimension, newest first (keyset pages) (planner)', query: ZDemandListQuery, response: ZDemandPage, tags })
  list(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandListQuery>) {
    return this.demands.list(org, query);
  }

  @Post()
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Write down a demand heard in a meeting (planner)', body: ZCreateDemand, response: ZDemand, status: 201, tags })
  create(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreateDemand>) {
    return this.demands.create(org, actor, input);
  }

  @Post('import')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({
    summary: 'Import demands from a CSV or XLSX file (the file as the body): a report by row and column; applied only without problems, never with dryRun=true (planner)',
    query: ZDemandImportQuery,
    response: ZDemandImportReport,
    tags,
  })
  import(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Query() query: z.output<typeof ZDemandImportQuery>, @Body() body: unknown) {
    return this.imports.import(org, actor, query.planId, assertImportFile(body), { dryRun: query.dryRun, meeting: query.meeting ?? null });
  }

  @Post('bulk-tag')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Tag every demand a filter selects (or the selected among them), all or nothing (planner)', body: ZBulkTagDemands, response: ZDemandTagResult, tags })
  bulkTag(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZBulkTagDemands>) {
    return this.demands.bulkTag(org, actor, input);
  }

  @Get('matrix')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Theme × capacity or theme × district counts of the filtered demands (planner)', query: ZDemandMatrixQuery, response: ZDemandMatrix, tags })
  matrix(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandMatrixQuery>) {
    return this.demands.matrix(org, query);
  }

  @Get('map')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Located demands of the filter (planner)', query: ZDemandFilter, response: ZDemandMap, tags })
  map(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandFilter>) {
    return this.demands.map(org, query);
  }

  @Get('trends')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Filtered demands per Jalali month (planner)', query: ZDemandFilter, response: ZDemandTrends, tags })
  trends(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandFilter>) {
    return this.demands.trends(org, query);
  }

  @Get('participation')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Who was heard: counts by source, capacity and district, against population (planner)', query: ZDemandFilter, response: ZDemandParticipation, tags })
  participation(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandFilter>) {
    return this.demands.participation(org, query);
  }

  @Get('groups')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Groups of near-identical demands of a plan (planner)', query: ZDemandPlanQuery, response: ZDemandGroupList, tags })
  groups(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandPlanQuery>) {
    return this.demands.groups(org, query.planId);
  }

  @Get('groups/suggestions')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Near-identical ungrouped demands offered as groups (planner)', query: ZDemandPlanQuery, response: ZDemandGroupSuggestions, tags })
  groupSuggestions(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZDemandPlanQuery>) {
    return this.demands.groupSuggestions(org, query.planId);
  }

  @Post('groups')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Group demands (they leave their former groups) (planner)', body: ZCreateDemandGroup, response: ZDemandGroup, status: 201, tags })
  createGroup(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreateDemandGroup>) {
    return this.demands.createGroup(org, actor, input);
  }

  @Patch('groups/:groupId')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Name a group or mark it as a focus-point candidate (planner)', body: ZUpdateDemandGroup, response: ZDemandGroup, tags })
  updateGroup(@CurrentOrganization() org: Organization, @GroupId() groupId: string, @Body() input: z.output<typeof ZUpdateDemandGroup>) {
    return this.demands.updateGroup(org, groupId, input);
  }

  @Post('groups/:groupId/merge')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Merge a group into another of the plan (planner)', body: ZMergeDemandGroup, response: ZDemandGroup, tags })
  mergeGroup(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @GroupId() groupId: string, @Body() input: z.output<typeof ZMergeDemandGroup>) {
    return this.demands.mergeGroup(org, actor, groupId, input.intoId);
  }

  @Post('groups/:groupId/split')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Split demands out of a group into a new group (planner)', body: ZSplitDemandGroup, response: ZDemandGroup, tags })
  splitGroup(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @GroupId() groupId: string, @Body() input: z.output<typeof ZSplitDemandGroup>) {
    return this.demands.splitGroup(org, actor, groupId, input.demandIds, input.name ?? null);
  }

  @Delete('groups/:groupId')
  @HttpCode(204)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Ungroup: the demands stay (planner)', status: 204, tags })
  async deleteGroup(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @GroupId() groupId: string) {
    await this.demands.deleteGroup(org, actor, groupId);
  }

  @Get(':demandId')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'One demand (planner)', response: ZDemand, tags })
  get(@CurrentOrganization() org: Organization, @DemandId() demandId: string) {
    return this.demands.get(org, demandId);
  }

  @Patch(':demandId')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Tag a demand: themes added or removed, kind, priority (planner)', body: ZDemandTagChange, response: ZDemand, tags })
  tag(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @DemandId() demandId: string, @Body() input: z.output<typeof ZDemandTagChange>) {
    return this.demands.tag(org, actor, demandId, input);
  }
}

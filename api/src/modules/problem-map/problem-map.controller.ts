import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ZHeatView, ZMapQuery, ZMapView } from '@hamandishi/contracts';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { type MapRequest, ProblemMapService } from './problem-map.service';

// The answers are JSON text built by PostgreSQL: sent as they are, with a JSON content type.
@Controller('api/orgs/:slug/problems')
export class ProblemMapController {
  constructor(private readonly map: ProblemMapService) {}

  @Get('map')
  @Endpoint({ summary: 'Clusters and points of the problems in a viewport', query: ZMapQuery, response: ZMapView, tags: ['problems'] })
  async view(@Param('slug') slug: string, @Query() query: MapRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type('application/json; charset=utf-8');
    return this.map.map(slug, query);
  }

  @Get('heat')
  @Endpoint({ summary: 'Heat-map cells of the problems in a viewport', query: ZMapQuery, response: ZHeatView, tags: ['problems'] })
  async heat(@Param('slug') slug: string, @Query() query: MapRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type('application/json; charset=utf-8');
    return this.map.heat(slug, query);
  }
}

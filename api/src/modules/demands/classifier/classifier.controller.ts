import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { z } from 'zod';
import {
  ZDecideSuggestions,
  ZDemandClassifierState,
  ZDemandSuggestionList,
  ZPageQuery,
  ZSuggestedDemandPage,
  ZSuggestionDecisionResult,
} from '@hamandishi/contracts';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import type { Actor } from '../../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { ClassifierErrors } from './classifier.errors';
import { DemandClassifierService } from './classifier.service';

const DemandId = () => Param('demandId', new ParseUUIDPipe({ exceptionFactory: () => ClassifierErrors.demandNotFound() }));
const ThemeId = () => Param('themeId', new ParseUUIDPipe({ exceptionFactory: () => ClassifierErrors.suggestionNotFound() }));

const tags = ['demands'];
const PLANNERS = ['planner', 'admin'] as const;

/** The classifier's status and the suggested themes of demands (planners of the municipality). */
@Controller('api/orgs/:slug/demands')
export class DemandClassifierController {
  constructor(private readonly classifier: DemandClassifierService) {}

  @Get('classifier')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'The themes classifier: its model, macro-F1, tagged demands and thresholds (planner)', response: ZDemandClassifierState, tags })
  state(@CurrentOrganization() org: Organization) {
    return this.classifier.state(org);
  }

  @Post('classifier/train')
  @HttpCode(202)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Retrain the themes classifier now, in the background (planner)', response: ZDemandClassifierState, status: 202, tags })
  train(@CurrentOrganization() org: Organization) {
    return this.classifier.retrainNow(org);
  }

  @Get('suggestions')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Untagged demands with suggested themes, newest first (planner)', query: ZPageQuery, response: ZSuggestedDemandPage, tags })
  suggested(@CurrentOrganization() org: Organization, @Query() query: z.output<typeof ZPageQuery>) {
    return this.classifier.suggestedDemands(org, query);
  }

  @Post('suggestions/decisions')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Accept or reject several suggested themes, all or none (planner)', body: ZDecideSuggestions, response: ZSuggestionDecisionResult, tags })
  decideMany(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZDecideSuggestions>) {
    return this.classifier.decide(org, actor, input);
  }

  @Get(':demandId/suggestions')
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'The open suggested themes of a demand, most confident first (planner)', response: ZDemandSuggestionList, tags })
  ofDemand(@CurrentOrganization() org: Organization, @DemandId() demandId: string) {
    return this.classifier.suggestionsOf(org, demandId);
  }

  @Post(':demandId/suggestions/:themeId/accept')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Accept a suggested theme: it becomes a theme of the demand (planner)', response: ZSuggestionDecisionResult, tags })
  accept(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @DemandId() demandId: string, @ThemeId() themeId: string) {
    return this.classifier.decide(org, actor, { decision: 'accept', items: [{ demandId, themeId }] });
  }

  @Post(':demandId/suggestions/:themeId/reject')
  @HttpCode(200)
  @Roles(...PLANNERS)
  @Endpoint({ summary: 'Reject a suggested theme (planner)', response: ZSuggestionDecisionResult, tags })
  reject(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @DemandId() demandId: string, @ThemeId() themeId: string) {
    return this.classifier.decide(org, actor, { decision: 'reject', items: [{ demandId, themeId }] });
  }
}

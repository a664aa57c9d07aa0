import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  ZComment,
  ZCommentCounts,
  ZCommentCountsQuery,
  ZCommentOutcome,
  ZCommentPage,
  ZCommentQuery,
  ZCreateComment,
  ZEditComment,
  ZModerationReason,
  ZMyActivityQuery,
  ZMyCommentPage,
  ZReportComment,
  ZVoteComment,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentMembership, CurrentOrganization, Roles } from '../identity/decorators';
import type { MembershipRow } from '../identity/memberships.repository';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ZDismissReports, ZMarkOfficial, ZModerationQueuePage, ZModerationQueueQuery } from './comments.schemas';
import { CommentsService } from './comments.service';

/** A comment id that must be a UUID; anything else is simply not found. */
const CommentId = () =>
  Param('commentId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('comments.not_found', 404, 'Comment not found') }));

const MODERATOR = ['moderator', 'admin'] as const;
const PLANNER = ['planner', 'admin'] as const;
const tags = ['comments'];

@Controller('api/orgs/:slug')
export class CommentsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly comments: CommentsService,
  ) {}

  @Get('comments')
  @Endpoint({ summary: 'The comments of one thing: top-level comments by page, replies nested', query: ZCommentQuery, response: ZCommentPage, tags })
  async list(@Param('slug') slug: string, @Query() query: z.output<typeof ZCommentQuery>, @CurrentActor({ optional: true }) actor?: Actor) {
    return this.comments.list(await this.organizations.getBySlug(slug), query, actor);
  }

  @Get('comments/counts')
  @Endpoint({ summary: 'How many comments each of several things of one type has (public lists)', query: ZCommentCountsQuery, response: ZCommentCounts, tags })
  async counts(@Param('slug') slug: string, @Query() query: z.output<typeof ZCommentCountsQuery>) {
    return this.comments.counts(await this.organizations.getBySlug(slug), query);
  }

  @Get('me/comments')
  @Endpoint({ summary: 'My activity: the comments I wrote here, where, and what became of each', query: ZMyActivityQuery, response: ZMyCommentPage, tags })
  async mine(@Param('slug') slug: string, @CurrentActor() actor: Actor, @Query() query: z.output<typeof ZMyActivityQuery>) {
    return this.comments.commentsBy(await this.organizations.getBySlug(slug), actor, query);
  }

  @Post('comments')
  @Roles()
  @Endpoint({ summary: 'Post a comment or a reply (member)', body: ZCreateComment, response: ZComment, status: 201, tags })
  create(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CurrentMembership() membership: MembershipRow | null,
    @Body() input: z.output<typeof ZCreateComment>,
  ) {
    return this.comments.create(org, actor, membership, input);
  }

  @Patch('comments/:commentId')
  @Roles()
  @Endpoint({ summary: 'Edit one’s comment within the edit window (author)', body: ZEditComment, response: ZComment, tags })
  edit(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @CommentId() commentId: string, @Body() input: z.output<typeof ZEditComment>) {
    return this.comments.edit(org, actor, commentId, input);
  }

  @Post('comments/:commentId/vote')
  @HttpCode(200)
  @Roles()
  @Endpoint({ summary: 'Vote a comment up (1) or down (-1), or withdraw the vote (0)', body: ZVoteComment, response: ZComment, tags })
  vote(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @CommentId() commentId: string, @Body() input: z.output<typeof ZVoteComment>) {
    return this.comments.vote(org, actor, commentId, input.value);
  }

  @Post('comments/:commentId/report')
  @HttpCode(204)
  @Roles()
  @Endpoint({ summary: 'Report a comment to the moderators (once per person)', body: ZReportComment, status: 204, tags })
  async report(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZReportComment>,
  ) {
    await this.comments.report(org, actor, commentId, input);
  }

  @Post('comments/:commentId/hide')
  @HttpCode(200)
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'Hide a comment, with a reason (moderator)', body: ZModerationReason, response: ZComment, tags })
  hide(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZModerationReason>,
  ) {
    return this.comments.hide(org, actor, commentId, input.reason);
  }

  @Post('comments/:commentId/restore')
  @HttpCode(200)
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'Restore a hidden comment, with a reason (moderator)', body: ZModerationReason, response: ZComment, tags })
  restore(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZModerationReason>,
  ) {
    return this.comments.restore(org, actor, commentId, input.reason);
  }

  @Post('comments/:commentId/dismiss-reports')
  @HttpCode(204)
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'Keep a reported comment and clear its reports, with an optional note (moderator)', body: ZDismissReports, status: 204, tags })
  async dismissReports(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZDismissReports>,
  ) {
    await this.comments.dismissReports(org, actor, commentId, input.reason);
  }

  @Post('comments/:commentId/official')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({ summary: 'Mark (or unmark) a comment as the official answer (planner)', body: ZMarkOfficial, response: ZComment, tags })
  official(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZMarkOfficial>,
  ) {
    return this.comments.markOfficial(org, actor, commentId, input.isOfficial);
  }

  @Post('comments/:commentId/outcome')
  @HttpCode(200)
  @Roles(...PLANNER)
  @Endpoint({
    summary: 'Record what became of a consultation comment: incorporated or not, with a reason (planner); notifies its author',
    body: ZCommentOutcome,
    response: ZComment,
    tags,
  })
  outcome(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @CommentId() commentId: string,
    @Body() input: z.output<typeof ZCommentOutcome>,
  ) {
    return this.comments.setOutcome(org, actor, commentId, input);
  }

  @Get('moderation/comments')
  @Roles(...MODERATOR)
  @Endpoint({ summary: 'The moderator queue: reported or newest comments with their reports', query: ZModerationQueueQuery, response: ZModerationQueuePage, tags })
  queue(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Query() query: z.output<typeof ZModerationQueueQuery>) {
    return this.comments.moderationQueue(org, actor, query);
  }
}

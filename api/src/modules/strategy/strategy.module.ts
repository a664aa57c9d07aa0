import { Module, type OnModuleInit } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { CommentsModule } from '../comments/comments.module';
import { CommentsService } from '../comments/comments.service';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import { StrategyImportBody } from './strategy-import-body';
import { StrategyController } from './strategy.controller';
import { StrategyRepository } from './strategy.repository';
import { StrategyService } from './strategy.service';

/**
 * The plan's structure (issue 14): the editor, the XLSX round trip, budgets, approvals and
 * revisions. Monitoring and traceability build on its tables and service.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, PlansModule, AttachmentsModule, CommentsModule],
  controllers: [StrategyController],
  providers: [StrategyImportBody, StrategyRepository, StrategyService],
  exports: [StrategyService],
})
export class StrategyModule implements OnModuleInit {
  constructor(
    private readonly comments: CommentsService,
    private readonly strategy: StrategyService,
  ) {}

  onModuleInit(): void {
    // the public comments on goals and projects
    this.comments.registerTarget('goal', { exists: (org, id) => this.strategy.commentable('goal', org, id) });
    this.comments.registerTarget('project', { exists: (org, id) => this.strategy.commentable('project', org, id) });
  }
}

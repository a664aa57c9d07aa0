import { Module } from '@nestjs/common';
import { DemandsModule } from '../demands/demands.module';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PlansModule } from '../plans/plans.module';
import { ProblemsModule } from '../problems/problems.module';
import { ThemeImportBody } from './theme-import-body';
import { ThemesController } from './themes.controller';
import { ThemesService } from './themes.service';

/**
 * The theme taxonomy's administration: tree, create, rename, move, merge, archive, CSV/XLSX import
 * and export. The organizations module stores themes; problems and plans move their tagged items.
 */
@Module({
  imports: [AuditModule, IdentityModule, OrganizationsModule, ProblemsModule, PlansModule, DemandsModule],
  controllers: [ThemesController],
  providers: [ThemeImportBody, ThemesService],
})
export class ThemesModule {}

import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import {
  ZAdminTheme,
  ZCreateTheme,
  ZMergeTheme,
  ZMoveTheme,
  ZThemeImportQuery,
  ZThemeImportReport,
  ZThemeMergeResult,
  ZThemeTree,
  ZUpdateTheme,
} from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import type { Actor } from '../../common/http/request-context';
import { CurrentActor, CurrentOrganization, Roles } from '../identity/decorators';
import type { Organization } from '../organizations/organization.entity';
import { fileFromMultipart, XLSX_TYPE } from './theme-file';
import { ThemesService } from './themes.service';
import { ThemeErrors } from './themes.errors';

const ThemeId = () => Param('themeId', new ParseUUIDPipe({ exceptionFactory: () => new AppError('organizations.theme_not_found', 404, 'Not found') }));
const tags = ['themes'];

/** The theme taxonomy's administration (admins; planners may read it). */
@Controller('api/orgs/:slug/themes')
export class ThemesController {
  constructor(private readonly themes: ThemesService) {}

  @Get()
  @Roles('admin', 'planner')
  @Endpoint({ summary: 'The theme tree, archived themes included, with how many items carry each (admin, planner)', response: ZThemeTree, tags })
  tree(@CurrentOrganization() org: Organization) {
    return this.themes.tree(org);
  }

  @Post()
  @Roles('admin')
  @Endpoint({ summary: 'Create a theme or sub-theme (admin)', body: ZCreateTheme, response: ZAdminTheme, status: 201, tags })
  create(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Body() input: z.output<typeof ZCreateTheme>) {
    return this.themes.create(org, actor, input);
  }

  @Get('export.csv')
  @Roles('admin', 'planner')
  @Endpoint({ summary: 'The theme tree as CSV (formula-safe)', tags })
  async exportCsv(@CurrentOrganization() org: Organization, @Res() reply: FastifyReply) {
    return download(reply, await this.themes.export(org, 'csv'), 'text/csv; charset=utf-8', `themes-${org.slug}.csv`);
  }

  @Get('export.xlsx')
  @Roles('admin', 'planner')
  @Endpoint({ summary: 'The theme tree as an Excel workbook (formula-safe)', tags })
  async exportXlsx(@CurrentOrganization() org: Organization, @Res() reply: FastifyReply) {
    return download(reply, await this.themes.export(org, 'xlsx'), XLSX_TYPE, `themes-${org.slug}.xlsx`);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({
    summary:
      'Import a CSV or XLSX theme file (the file itself as the body, or one file in a multipart/form-data form): a report by row and column; applied only without problems, never with dryRun=true (admin)',
    query: ZThemeImportQuery,
    response: ZThemeImportReport,
    tags,
  })
  import(
    @CurrentOrganization() org: Organization,
    @CurrentActor() actor: Actor,
    @Query() query: z.output<typeof ZThemeImportQuery>,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ) {
    if (!Buffer.isBuffer(body)) throw ThemeErrors.unsupportedFile();
    const isForm = (contentType ?? '').toLowerCase().startsWith('multipart/form-data');
    const file = isForm ? fileFromMultipart(body, contentType ?? '') : body;
    if (!file || file.length === 0) throw ThemeErrors.unsupportedFile();
    return this.themes.import(org, actor, file, query.dryRun);
  }

  @Patch(':themeId')
  @Roles('admin')
  @Endpoint({ summary: 'Rename a theme (fa/ar/en), change its slug, colour or icon (admin)', body: ZUpdateTheme, response: ZAdminTheme, tags })
  update(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ThemeId() themeId: string, @Body() input: z.output<typeof ZUpdateTheme>) {
    return this.themes.update(org, actor, themeId, input);
  }

  @Post(':themeId/move')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({ summary: 'Reorder a theme or put it under another parent (admin)', body: ZMoveTheme, response: ZThemeTree, tags })
  move(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ThemeId() themeId: string, @Body() input: z.output<typeof ZMoveTheme>) {
    return this.themes.move(org, actor, themeId, input);
  }

  @Post(':themeId/merge')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({ summary: 'Merge a theme into another: its items and sub-themes move, then it is deleted (admin)', body: ZMergeTheme, response: ZThemeMergeResult, tags })
  merge(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ThemeId() themeId: string, @Body() input: z.output<typeof ZMergeTheme>) {
    return this.themes.merge(org, actor, themeId, input);
  }

  @Post(':themeId/archive')
  @HttpCode(200)
  @Roles('admin')
  @Endpoint({ summary: 'Archive a theme and its sub-themes: kept on old items, not offered for new ones (admin)', response: ZThemeTree, tags })
  archive(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ThemeId() themeId: string) {
    return this.themes.setArchived(org, actor, themeId, true);
  }

  @Delete(':themeId/archive')
  @Roles('admin')
  @Endpoint({ summary: 'Take a theme (and the sub-themes archived with it) out of the archive (admin)', response: ZThemeTree, tags })
  unarchive(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @ThemeId() themeId: string) {
    return this.themes.setArchived(org, actor, themeId, false);
  }
}

function download(reply: FastifyReply, body: NodeJS.ReadableStream, contentType: string, filename: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { limitFileImportRoute } from '../../common/http/file-import-route';
import { StrategyErrors } from './strategy.errors';
import { XLSX_TYPE } from './strategy-xlsx';

/** The import route, as Nest registers it with Fastify. */
export const STRATEGY_IMPORT_ROUTE = '/api/orgs/:slug/plans/:planId/strategy/import';
/** The largest workbook taken (the Ahvaz-size plan is a few hundred KiB). */
export const MAX_STRATEGY_FILE_BYTES = 10 * 1024 * 1024;

/** XLSX bodies for the structure import (the file itself as the body), limited to 10 MiB. */
@Injectable()
export class StrategyImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    limitFileImportRoute(adapterHost, {
      url: STRATEGY_IMPORT_ROUTE,
      maxBytes: MAX_STRATEGY_FILE_BYTES,
      parsedTypes: [XLSX_TYPE],
      acceptedTypes: [XLSX_TYPE, 'application/octet-stream'],
      unsupported: StrategyErrors.unsupportedFile,
      tooLarge: StrategyErrors.importTooLarge,
    });
  }
}

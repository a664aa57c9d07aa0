import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { limitFileImportRoute } from '../../common/http/file-import-route';
import { XLSX_TYPE } from '../themes/theme-file';
import { MAX_IMPORT_BYTES } from './demand-import';
import { DemandErrors } from './demands.errors';

/** The import route, as Nest registers it with Fastify. */
export const DEMAND_IMPORT_ROUTE = '/api/orgs/:slug/demands/import';

/** CSV/XLSX bodies for the demand import (the file itself as the body), limited to 5 MiB. */
@Injectable()
export class DemandImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    limitFileImportRoute(adapterHost, {
      url: DEMAND_IMPORT_ROUTE,
      maxBytes: MAX_IMPORT_BYTES,
      parsedTypes: ['text/csv', XLSX_TYPE],
      acceptedTypes: ['text/csv', XLSX_TYPE, 'application/octet-stream'],
      unsupported: DemandErrors.unsupportedFile,
      tooLarge: DemandErrors.fileTooLarge,
    });
  }
}

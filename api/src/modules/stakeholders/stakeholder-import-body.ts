import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { limitFileImportRoute } from '../../common/http/file-import-route';
import { XLSX_TYPE } from '../themes/theme-file';
import { StakeholderErrors } from './stakeholders.errors';

/** The import route, as Nest registers it with Fastify. */
export const STAKEHOLDER_IMPORT_ROUTE = '/api/orgs/:slug/stakeholders/import';
/** The largest stakeholder file taken. */
export const MAX_STAKEHOLDER_FILE_BYTES = 5 * 1024 * 1024;

/** CSV/XLSX bodies for the stakeholder import (the file itself as the body), limited to 5 MiB. */
@Injectable()
export class StakeholderImportBody {
  constructor(adapterHost: HttpAdapterHost) {
    limitFileImportRoute(adapterHost, {
      url: STAKEHOLDER_IMPORT_ROUTE,
      maxBytes: MAX_STAKEHOLDER_FILE_BYTES,
      parsedTypes: ['text/csv', XLSX_TYPE],
      acceptedTypes: ['text/csv', XLSX_TYPE, 'application/octet-stream'],
      unsupported: StakeholderErrors.unsupportedFile,
      tooLarge: StakeholderErrors.fileTooLarge,
    });
  }
}

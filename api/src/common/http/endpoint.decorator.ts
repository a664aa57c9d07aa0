import { SetMetadata } from '@nestjs/common';
import type { z } from 'zod';

/** What a route takes and gives, as shared zod schemas: validation and OpenAPI come from this. */
export type EndpointSpec = {
  summary: string;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** The success status when not 200 (201, 204...). */
  status?: number;
  tags?: string[];
};

export const ENDPOINT_METADATA = 'hamandishi:endpoint';

/** Declares a route's schemas: the body and query are parsed (unknown fields rejected) before the handler runs. */
export const Endpoint = (spec: EndpointSpec) => SetMetadata(ENDPOINT_METADATA, spec);

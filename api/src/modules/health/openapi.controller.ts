import { Controller, Get } from '@nestjs/common';
import { OpenApiDocument } from './openapi.document';

@Controller('api/docs')
export class OpenApiController {
  constructor(private readonly document: OpenApiDocument) {}

  /** The OpenAPI document, generated from the shared schemas. */
  @Get()
  get(): object {
    return this.document.build();
  }
}

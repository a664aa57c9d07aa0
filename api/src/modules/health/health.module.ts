import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { HealthController } from './health.controller';
import { OpenApiController } from './openapi.controller';
import { OpenApiDocument } from './openapi.document';

@Module({ imports: [DiscoveryModule], controllers: [HealthController, OpenApiController], providers: [OpenApiDocument] })
export class HealthModule {}

import { Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { ZErrorResponse } from '@hamandishi/contracts';
import { ENDPOINT_METADATA, type EndpointSpec } from '../../common/http/endpoint.decorator';

type Operation = Record<string, unknown>;

/** Builds the OpenAPI 3.1 document from the routes' @Endpoint schemas: the same zod schemas that validate. */
@Injectable()
export class OpenApiDocument {
  private cached: object | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  build(): object {
    if (this.cached) return this.cached;
    const paths: Record<string, Record<string, Operation>> = {};
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = this.reflector.get<string>(PATH_METADATA, metatype) ?? '';
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name];
        const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT_METADATA, handler);
        const method = this.reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler);
        if (!spec || method === undefined) continue;
        const sub = this.reflector.get<string>(PATH_METADATA, handler) ?? '';
        const path = '/' + [base, sub].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/');
        const openApiPath = path.replace(/:([A-Za-z]+)/g, '{$1}');
        paths[openApiPath] ??= {};
        paths[openApiPath][RequestMethod[method].toLowerCase()] = operation(spec, path);
      }
    }
    this.cached = {
      openapi: '3.1.0',
      info: { title: 'Hamandishi API', version: '0.1.0', description: 'Participatory strategic-operational planning.' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hm_session' } },
        schemas: { Error: schema(ZErrorResponse, 'output') },
      },
      paths,
    };
    return this.cached;
  }
}

function operation(spec: EndpointSpec, path: string): Operation {
  const parameters: object[] = [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1], in: 'path', required: true, schema: { type: 'string' },
  }));
  if (spec.query) {
    const json = schema(spec.query, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      parameters.push({ name, in: 'query', required: json.required?.includes(name) ?? false, schema: s });
    }
  }
  const status = String(spec.status ?? 200);
  return {
    summary: spec.summary,
    tags: spec.tags,
    parameters,
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(spec.body, 'input') } } } } : {}),
    responses: {
      [status]: spec.response
        ? { description: 'OK', content: { 'application/json': { schema: schema(spec.response, 'output') } } }
        : { description: 'OK' },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

function schema(type: z.ZodType, io: 'input' | 'output'): object {
  return z.toJSONSchema(type, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as object;
}

import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto.js';
import { RUN_STREAM_EVENT_SCHEMA, runStreamEventSchema } from '../conversations/dto/run-events.dto.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The API's OpenAPI document, from the controllers' and DTOs' decorators: served at /api/docs, and
 * the source of the widget's generated types (npm run contract:generate).
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Chat Widget API')
      .setDescription('Conversations, agent runs and the signed-in user. Authenticate with a Better Auth JWT.')
      .setVersion('1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ErrorBodyDto] },
  );
  document.components!.schemas![RUN_STREAM_EVENT_SCHEMA] = runStreamEventSchema();
  describeErrorBodies(document);
  return document;
}

/**
 * Every error of this API has the same body (one exception filter writes them all), so it is stated
 * here once rather than on every decorator: each error response gets the schema, and each operation
 * a `default` response for the errors any route can meet (500, 503 DATABASE_UNAVAILABLE, …).
 */
function describeErrorBodies(document: OpenAPIObject): void {
  const content = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && Number(status) >= 400 && !('$ref' in response) && !response.content) response.content = content;
      }
      operation.responses.default ??= { description: 'Any other error, with its code: 500 INTERNAL_ERROR, 503 DATABASE_UNAVAILABLE, …', content };
    }
  }
}

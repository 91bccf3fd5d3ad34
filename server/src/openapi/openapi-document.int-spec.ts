import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import request from 'supertest';
import { signedInClient, type SignedInClient } from '../../test/api-client.js';
import { knowledgeFolder, type KnowledgeFolder } from '../../test/knowledge-fixtures.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { openApiDocumentOffline } from './api-contract.js';

type Schema = Record<string, unknown>;

/** The document's schemas, with every object closed: a field the server sends but the contract lacks fails validation. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const closed = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' ? mapValues(value as Schema, closeObjects) : closeObjects(value)]));
  return 'properties' in schema ? { ...closed, additionalProperties: false } : closed;
}

const mapValues = (object: Schema, map: (value: unknown) => unknown) => Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));

describe('the OpenAPI document', () => {
  let server: TestServer;
  let docs: KnowledgeFolder;
  let client: SignedInClient;
  let document: { components: { schemas: Schema } };
  let ajv: Ajv;

  /** Fails with the validator's findings unless `body` is an instance of the named schema. */
  const expectConforms = (schemaName: string, body: unknown) => {
    const validate = ajv.getSchema(`api#/components/schemas/${schemaName}`)!;
    expect({ schemaName, body, errors: validate(body) ? [] : validate.errors }).toEqual({ schemaName, body, errors: [] });
  };

  beforeAll(async () => {
    docs = await knowledgeFolder();
    server = await startTestServer({ KNOWLEDGE_INGEST_ON_START: docs.path, KNOWLEDGE_BASE_URL: 'https://docs.example.com/', AGENT_RATE_LIMIT: '10000' });
    client = await signedInClient(server.url);
    document = (await request(server.url).get('/api/docs/openapi.json').expect(200)).body;
    // `example` and `nullable` are OpenAPI's words, not JSON Schema's: not strict, so they pass through.
    ajv = new Ajv({ strict: false, allErrors: true });
    ajvFormats.default(ajv); // a CommonJS module: its plugin is the `default` export
    ajv.addSchema({ $id: 'api', components: { schemas: closeObjects(document.components.schemas) } });
  });
  afterAll(async () => {
    await server.close();
    await docs.dispose();
  });

  it('is served as generated offline, so the widget’s generated contract describes the running server', async () => {
    expect(document).toEqual(JSON.parse(JSON.stringify(await openApiDocumentOffline())));
  });

  it('describes every field of an agent run, answered as JSON and as a stream', async () => {
    const json = await client.post('/agents/run', { message: 'How do I embed the widget with a script tag?' }).expect(200);
    expectConforms('AgentRunResultDto', json.body);

    const { events } = await client.stream(`/conversations/${json.body.conversation.id}/messages`, { message: 'And how do I theme it?' });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['conversation', 'delta', 'sources', 'done']));
    expect(events.find((e) => e.event === 'sources')!.data.sources.length).toBeGreaterThan(0);
    for (const event of events) expectConforms('AgentRunStreamEvent', event);
  });

  it('describes every field of the conversation routes', async () => {
    const run = await client.post('/agents/run', { message: 'Can I reset my password?' }).expect(200);
    const id = run.body.conversation.id;
    expectConforms('ConversationPageDto', (await client.get('/conversations').expect(200)).body);
    const searched = (await client.get('/conversations?q=password').expect(200)).body;
    expect(searched.items[0].snippet).toBeDefined();
    expectConforms('ConversationPageDto', searched);
    expectConforms('ConversationWithMessagesDto', (await client.get(`/conversations/${id}`).expect(200)).body);
    expectConforms('ConversationDto', (await client.patch(`/conversations/${id}`, { title: 'Passwords' }).expect(200)).body);
    expectConforms('ConversationExportDto', JSON.parse((await client.get(`/conversations/${id}/export?format=json`).expect(200)).text));
  });

  it('describes the user, the client configuration, health and the error body', async () => {
    expectConforms('UserProfileDto', (await client.get('/users/me').expect(200)).body);
    expectConforms('ClientConfigDto', (await request(server.url).get('/config').expect(200)).body);
    expectConforms('LivenessDto', (await request(server.url).get('/health/live').expect(200)).body);
    expectConforms('ReadinessDto', (await request(server.url).get('/health/ready').expect(200)).body);
    expectConforms('ErrorBodyDto', (await client.get('/conversations/00000000-0000-4000-8000-000000000000').expect(404)).body);
    const invalid = (await client.post('/agents/run', { message: 'hi', unexpected: true }).expect(400)).body;
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expectConforms('ErrorBodyDto', invalid);
  });
});

import { describe, expect, it } from '@jest/globals';
import { inErrorShape } from './error-shape.js';

describe('inErrorShape', () => {
  it('leaves a body already in our shape alone', () => {
    expect(inErrorShape(404, 'application/json; charset=utf-8', JSON.stringify({ statusCode: 404, code: 'CONVERSATION_NOT_FOUND', message: 'gone' }))).toBeNull();
  });

  it('gives a JSON error without a code the code of its status, keeping its message and fields', () => {
    expect(inErrorShape(401, 'application/json', Buffer.from(JSON.stringify({ message: 'Unauthorized', extra: 1 })))).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: 'Unauthorized', extra: 1 });
  });

  it('keeps a short plain-text reason, but never markup or a long text', () => {
    expect(inErrorShape(400, 'text/plain', 'Invalid Preflight Request')).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'Invalid Preflight Request' });
    expect(inErrorShape(404, 'text/html', '<h1>Not found</h1>')).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Not Found' });
    expect(inErrorShape(400, 'text/plain', 'x'.repeat(500))!.message).toBe('Bad Request');
  });

  it('answers an empty error, and one whose JSON is broken or not an object', () => {
    expect(inErrorShape(404, '', null)).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: 'Not Found' });
    expect(inErrorShape(400, 'application/json', '{"message":')).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'Bad Request' });
    expect(inErrorShape(409, 'application/json', '["a"]')).toEqual({ statusCode: 409, code: 'CONFLICT', message: 'Conflict' });
  });
});

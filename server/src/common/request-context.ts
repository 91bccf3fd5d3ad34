import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestContext {
  requestId: string;
}

/**
 * The request being served, carried through every await of its handling, so each log line written
 * on its behalf (services, Better Auth, TypeORM errors) names its request id without passing it on.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Fields the logger adds to every line: the current request id, when there is a request. */
export function requestLogFields(): Partial<RequestContext> {
  const store = requestContext.getStore();
  return store ? { requestId: store.requestId } : {};
}

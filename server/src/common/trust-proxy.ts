type TrustProxyFunction = (address: string, hop: number) => boolean;

/**
 * TRUST_PROXY as Fastify wants it. A hop count becomes a function, because Fastify now treats a
 * bare number as "trust nothing": with N proxies, trust the socket peer and the N-1 entries it
 * appended before it, so the client address is the entry the outermost proxy wrote, never one the
 * client put at the left. (Only sound when nothing but those proxies can reach the server; an
 * address list is safe even when something else can.)
 */
export function fastifyTrustProxy(setting: false | number | string[]): false | string[] | TrustProxyFunction {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

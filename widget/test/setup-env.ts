import { afterEach, beforeEach } from '@jest/globals';
import { BroadcastChannel as NodeBroadcastChannel } from 'node:worker_threads';
import { uniqueIp } from '../../server/test/auth-helpers.js';

// happy-dom answers `nodeName` from each subclass and '' from Node.prototype, where browsers (and
// DOMPurify, which reads the getter from Node.prototype) have the real one: without this, DOMPurify
// in tests drops elements a browser keeps. Test environment only.
Object.defineProperty(window.Node.prototype, 'nodeName', {
  configurable: true,
  get(this: Node) {
    for (let proto = Object.getPrototypeOf(this); proto && proto !== window.Node.prototype; proto = Object.getPrototypeOf(proto)) {
      const getter = Object.getOwnPropertyDescriptor(proto, 'nodeName')?.get;
      if (getter) return getter.call(this);
    }
    return '';
  },
});

// happy-dom has no BroadcastChannel (tabs of one origin talking): Node's has the same semantics,
// so two widgets in one test talk as two tabs would. Unref'd, so an open channel does not keep Jest alive.
class PageBroadcastChannel extends NodeBroadcastChannel {
  constructor(name: string) {
    super(name);
    this.unref();
  }
}
Object.defineProperty(window, 'BroadcastChannel', { configurable: true, value: PageBroadcastChannel });

// The server trusts X-Forwarded-For from 127.0.0.1 (as behind a proxy) and Better Auth limits
// sign-ins per client address: each test is its own client, as each visitor would be.
const pageFetch = window.fetch.bind(window);
let clientIp = uniqueIp();
window.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('x-forwarded-for', clientIp);
  return pageFetch(input, { ...init, headers });
};

beforeEach(() => {
  clientIp = uniqueIp();
});

afterEach(() => {
  document.body.replaceChildren();
  localStorage.clear();
  sessionStorage.clear();
});

/** Where the widget keeps the session token and per-user state between page loads. */
export type StorageKind = 'local' | 'session' | 'memory';

export interface WidgetStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Removes every key this widget stored for its server (sign-out). */
  clear(): void;
}

function memoryBackend(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}

function browserBackend(kind: StorageKind): Storage {
  if (kind === 'memory') return memoryBackend();
  try {
    const backend = kind === 'session' ? sessionStorage : localStorage;
    // Safari private mode and some embedded browsers throw on write, not on access.
    backend.setItem('chat-widget:probe', '1');
    backend.removeItem('chat-widget:probe');
    return backend;
  } catch {
    return memoryBackend();
  }
}

/**
 * Keys are namespaced by server, so two widgets talking to two servers on one page never share a
 * session, and sign-out can remove exactly what this widget wrote.
 */
export function createStorage(kind: StorageKind, server: string): WidgetStorage {
  const backend = browserBackend(kind);
  const prefix = `chat-widget:${server}:`;
  return {
    get: (key) => backend.getItem(prefix + key),
    set: (key, value) => backend.setItem(prefix + key, value),
    remove: (key) => backend.removeItem(prefix + key),
    clear: () => {
      const mine: string[] = [];
      for (let i = 0; i < backend.length; i++) {
        const key = backend.key(i);
        if (key?.startsWith(prefix)) mine.push(key);
      }
      mine.forEach((key) => backend.removeItem(key));
    },
  };
}

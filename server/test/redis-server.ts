import type { ChildProcess } from 'node:child_process';
import { findFreePort } from '../src/database/free-port.js';
import { spawnDaemon, stopDaemon, waitForPort } from './child-process.js';
import { systemBinary } from './system-binary.js';

export interface TestRedis {
  url: string;
  /** Stops the server (an outage); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A real redis-server on a free loopback port, in memory only. */
export async function startRedis(): Promise<TestRedis> {
  const binary = systemBinary('redis-server', 'redis-server');
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const daemon = spawnDaemon(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    child = daemon.child;
    try {
      await waitForPort(port);
    } catch (error) {
      throw new Error(`redis-server did not start: ${daemon.output()}`, { cause: error });
    }
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop: async () => child && stopDaemon(child) };
}

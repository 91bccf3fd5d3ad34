import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { API_CONTRACT_FILE, generateApiContract } from './api-contract.js';

/** Where two texts first part, as `line N: committed | generated`, to point at the stale part. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}

describe('the widget’s generated API contract', () => {
  it('is what the server’s OpenAPI document generates today', async () => {
    const committed = await readFile(join(projectRoot(), API_CONTRACT_FILE), 'utf8');
    const generated = await generateApiContract();
    if (generated !== committed) {
      throw new Error(`${API_CONTRACT_FILE} is out of date with the server's DTOs and routes. Run \`npm run contract:generate\` and commit the result.\n${firstDifference(committed, generated)}`);
    }
    expect(generated).toContain('export interface paths');
  });

  it('carries the run stream’s events and the error body’s code, for the widget to type against', async () => {
    const generated = await generateApiContract();
    for (const event of ['conversation', 'delta', 'sources', 'done', 'error']) expect(generated).toContain(`event: "${event}";`);
    expect(generated).toMatch(/ErrorBodyDto: \{[^}]*\bcode: string;/s);
    expect(generated).toContain('export const AUTH_BASE_PATH = "/api/auth";');
  });
});

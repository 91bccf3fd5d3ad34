import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root.js';
import { API_CONTRACT_FILE, generateApiContract } from './api-contract.js';

/** `npm run contract:generate`: rewrites the widget's API types from the server's OpenAPI document. */
async function main(): Promise<void> {
  await writeFile(join(projectRoot(), API_CONTRACT_FILE), await generateApiContract());
  console.log(`Wrote ${API_CONTRACT_FILE}`);
}

main().catch((error: unknown) => {
  console.error(`Generating the API contract failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});

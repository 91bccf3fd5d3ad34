import 'reflect-metadata';
import 'dotenv/config';
import { exitOnStartFailure, runMain } from './run-main.js';

// The production entry point (`npm run start:prod`, the Docker image): the API alone.
// `npm start` runs server/dev/main.ts, which adds the example pages.
runMain().catch(exitOnStartFailure);

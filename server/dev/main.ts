import 'reflect-metadata';
import 'dotenv/config';
import { projectRoot } from '../src/common/project-root.js';
import { exitOnStartFailure, runMain } from '../src/run-main.js';
import { defaultExamplesDirs, examplesOrigin, startExamplesServer } from './examples-server.js';

// The development entry point (`npm start`, `npm run dev`): the API plus, unless SERVE_EXAMPLES=false,
// the example pages on their own origin, like a customer's site. Production never loads this file.

// The examples show every way in a site owner can offer, guests first (the docs site is where a
// visitor with one question asks it at once), and the host-login example signs in through its own
// login; the server's own default stays `password,social`.
process.env.AUTH_MODES ||= 'guest,password,social,host';

runMain({
  serverOptions: (config) => (config.examples.serve ? { rootRedirect: `${examplesOrigin(config.examples.port)}/` } : {}),
  startCompanion: async (config, logger) => {
    if (!config.examples.serve) return undefined;
    const examples = await startExamplesServer({
      apiUrl: config.publicUrl,
      host: config.host,
      port: config.examples.port,
      ...defaultExamplesDirs(projectRoot()),
      hostIdentity: config.hostIdentity,
      logger,
    });
    return {
      banner: `  Examples (another origin, as a customer's site): ${examples.url}/\n`,
      logFields: { examples: examples.url },
      close: () => examples.close(),
    };
  },
}).catch(exitOnStartFailure);

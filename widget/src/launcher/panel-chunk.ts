/**
 * Everything the launcher loads on first intent, as one dynamic import: Lit, the panel's elements
 * (registered on import), the full string catalogs and the set-up check.
 */
import '../components/chat-panel/define-panel.js';

export { resolveStrings } from '../i18n/index.js';
export { checkSetup, logSetupProblem, setupProblemText, type SetupProblem } from '../services/setup-check.js';

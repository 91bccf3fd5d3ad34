import { createContext } from '@lit/context';
import type { Strings } from '../../i18n/index.js';
import type { ApiClient } from '../../services/api-client.js';
import type { AuthService } from '../../services/auth-service.js';

// Provided by the panel to every view inside it, instead of being passed down property by property.

/** The chat API of the widget's server, authenticated as the signed-in user. */
export const apiContext = createContext<ApiClient>(Symbol('chat-widget-api'));

/** Sign-in, sign-up, password reset and the session token, against the server's Better Auth. */
export const authContext = createContext<AuthService>(Symbol('chat-widget-auth'));

/** The UI strings in the widget's language, with the host's overrides. */
export const stringsContext = createContext<Strings>(Symbol('chat-widget-strings'));

/** Where Better Auth is mounted. Exported to the widget through its generated API contract. */
export const AUTH_BASE_PATH = '/api/auth';

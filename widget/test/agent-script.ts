/**
 * Everything the widget tests assume about the agent, in one place, so switching agents changes
 * one file. Today: the server's stand-in agent (server/src/agents/agents.module.ts), which echoes
 * the message, paces words 200 ms apart on `[slow]`, and fails the run on `[fail]`.
 */

/** Settings the test server needs for this agent. */
export interface AgentHandle {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts whatever the agent needs (nothing for the stand-in); called once by the global setup. */
export async function startAgent(): Promise<AgentHandle> {
  return { env: {}, stop: async () => undefined };
}

/** A message whose answer streams slowly enough to be stopped midway. */
export const slowMessage = (text: string) => `[slow] ${text} one two three four five six seven eight nine ten eleven twelve`;

/** A message whose run fails after the user message is stored. */
export const failingMessage = (text: string) => `[fail] ${text}`;

/** A text the answer to `message` contains once it is complete. */
export const answerContains = (message: string) => message;

/** The sources every answer cites. */
export const citedSource = { title: 'Doc', url: 'https://example.com/doc' };

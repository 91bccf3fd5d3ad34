/** A run one tab started (a message sent, an answer continued), so the user's other tabs can follow it. */
export interface RunAnnouncement {
  runId: string;
  conversationId: string;
  /** The answer the run writes. */
  messageId: string;
}

export interface TabChannel {
  announce(run: RunAnnouncement): void;
  close(): void;
}

/**
 * The tabs of one user on one page origin, talking to one server. BroadcastChannel reaches only
 * the same origin, and the name carries the server and the user, so another account's tabs (or
 * another widget's) never hear of a run. Without BroadcastChannel, tabs simply stay apart.
 */
export function openTabChannel(server: string, userId: string, onRun: (run: RunAnnouncement) => void): TabChannel {
  if (typeof BroadcastChannel !== 'function') return { announce() {}, close() {} };
  const channel = new BroadcastChannel(`chat-widget:${server}:${userId}:runs`);
  channel.onmessage = (event: MessageEvent<RunAnnouncement>) => onRun(event.data);
  return { announce: (run) => channel.postMessage(run), close: () => channel.close() };
}

/** How much data and time a bench run uses: the full run, or `--quick` (1/100 of the data) for CI. */
export interface BenchScale {
  name: 'full' | 'quick';
  users: number;
  conversations: number;
  messages: number;
  /** Messages of the one heavy user, in conversations of `heavyConversationLength` messages. */
  heavyUserMessages: number;
  heavyConversationLength: number;
  /** Seconds each load scenario runs. */
  durationSeconds: number;
  connections: number;
  /** Agent runs timed one by one (time to first byte). */
  agentRuns: number;
}

export function scaleFromArgs(args: string[]): BenchScale {
  const quick = args.includes('--quick');
  const divisor = quick ? 100 : 1;
  return {
    name: quick ? 'quick' : 'full',
    users: 10_000 / divisor,
    conversations: 100_000 / divisor,
    messages: 1_000_000 / divisor,
    heavyUserMessages: 100_000 / divisor,
    heavyConversationLength: 50,
    durationSeconds: quick ? 3 : 10,
    connections: 50,
    agentRuns: quick ? 30 : 200,
  };
}

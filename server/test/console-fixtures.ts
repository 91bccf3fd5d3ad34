import pg from 'pg';

/** One question and its answer, as the chat stores them, written straight to the database. */
export interface SeedTurn {
  question: string;
  /** The answer's sources as stored (`[]`: answered with none). */
  sources?: Array<Record<string, unknown>>;
  answer?: string;
  feedback?: { rating: 'up' | 'down'; reason?: string; comment?: string };
  /** When the question was asked (the answer follows a second later). */
  at: Date;
}

export interface SeededTurn {
  questionId: string;
  answerId: string;
}

/**
 * Fills a test database for the console's panels: visitors, their conversations and rated answers,
 * and knowledge-base documents, without going through the agent.
 */
export class ConsoleFixtures {
  private constructor(private readonly db: pg.Client) {}

  static async connect(url: string): Promise<ConsoleFixtures> {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    return new ConsoleFixtures(db);
  }

  async visitor(email: string, name: string): Promise<string> {
    const { rows } = await this.db.query(`INSERT INTO users (auth_subject, email, name) VALUES ($1, $2, $3) RETURNING id`, [`seed-${email}`, email, name]);
    return rows[0].id as string;
  }

  async document(path: string, title: string): Promise<string> {
    const { rows } = await this.db.query(
      `INSERT INTO documents (path, url, title, content_hash) VALUES ($1, $2, $3, repeat('0', 64)) RETURNING id`,
      [path, `https://docs.example.com/${path}`, title],
    );
    return rows[0].id as string;
  }

  /** A conversation of `turns`, started at the first turn's time; returns its id and the turns' message ids. */
  async conversation(userId: string, title: string, turns: SeedTurn[]): Promise<{ id: string; turns: SeededTurn[] }> {
    const { rows } = await this.db.query(
      `INSERT INTO conversations (user_id, title, created_at, last_message_at, message_count) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, title, turns[0]!.at, turns.at(-1)!.at, turns.length * 2],
    );
    const id = rows[0].id as string;
    const seeded: SeededTurn[] = [];
    for (const turn of turns) {
      const question = await this.db.query(
        `INSERT INTO messages (conversation_id, user_id, role, content, created_at) VALUES ($1, $2, 'user', $3, $4) RETURNING id`,
        [id, userId, turn.question, turn.at],
      );
      const answer = await this.db.query(
        `INSERT INTO messages (conversation_id, user_id, role, content, sources, reply_to_id, created_at)
         VALUES ($1, $2, 'assistant', $3, $4, $5, $6) RETURNING id`,
        [id, userId, turn.answer ?? `An answer to: ${turn.question}`, JSON.stringify(turn.sources ?? []), question.rows[0].id, new Date(turn.at.getTime() + 1000)],
      );
      const answerId = answer.rows[0].id as string;
      if (turn.feedback) {
        await this.db.query(
          `INSERT INTO message_feedback (message_id, user_id, rating, reason, comment, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)`,
          [answerId, userId, turn.feedback.rating, turn.feedback.reason ?? null, turn.feedback.comment ?? null, new Date(turn.at.getTime() + 5000)],
        );
      }
      seeded.push({ questionId: question.rows[0].id as string, answerId });
    }
    return { id, turns: seeded };
  }

  query(sql: string, params: unknown[] = []) {
    return this.db.query(sql, params);
  }

  close(): Promise<void> {
    return this.db.end();
  }
}

/** A source as the agents store it since citations: a knowledge-base passage, cited or only related. */
export function source(documentId: string | undefined, score: number, cited: boolean): Record<string, unknown> {
  return { title: 'Guide', url: 'https://docs.example.com/guide.md#setup', snippet: 'text', quote: 'text', score, cited, ...(documentId ? { documentId, chunkId: documentId } : {}) };
}

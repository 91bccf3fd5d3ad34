import type { AgentEvent, MessageSource } from './agent-provider.js';

/**
 * Citation markers in answers: `[n]`, 1-based into the answer's sources. Every provider's stream
 * passes through `citedEvents`, so a marker that points at no source is removed before anyone sees
 * it, whatever the provider sent. The rules:
 * - `[1]` cites source 1; `[1][2]` and `[1, 2]` cite both (written back as `[1][2]`); `[[1]]` is `[1]`;
 * - `[0]`, a number past the last source, or any marker before the provider sent sources at all
 *   is removed, with the spaces before it;
 * - inside code (a fenced block or an inline code span) and after a backslash (`\[1]`) it is text;
 *   so is a link (`[1](https://…)`).
 * Markers are checked against the sources sent before them; a marker streamed before the first
 * sources event holds the text after it back until sources arrive or the answer ends. A delta that
 * ends inside a possible marker (`… see [1`) is held back until the marker is complete.
 */

/** A run of digits and commas between brackets, as long as a marker can be. */
const MAX_MARKER_LENGTH = 24;
const MARKER = /^\[(\[?)(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*)\]/;
const PARTIAL_MARKER = /^\[\[?[\d \t,]*\]?$/;
const FENCE_OPENING = /^ {0,3}(`{3,}|~{3,})/;

interface ScanState {
  atLineStart: boolean;
  /** The fence of the code block we are in (```` ``` ```` or `~~~`…), or null. */
  fence: string | null;
  /** The length of the backtick run that opened the inline code we are in; 0 outside. */
  inlineTicks: number;
  /** Whether the current line has anything but spaces (a blank line ends an unclosed code span). */
  lineHasText: boolean;
}

interface ScanResult {
  output: string;
  /** How much of the input was decided; the rest waits for more text. */
  consumed: number;
}

/** Source numbers as the filter sees them: how many exist (undefined until the first sources event). */
class MarkerScanner {
  private state: ScanState = { atLineStart: true, fence: null, inlineTicks: 0, lineHasText: false };
  readonly cited = new Set<number>();

  scan(text: string, sourceCount: number | undefined, final: boolean): ScanResult {
    let output = '';
    let i = 0;
    const state = this.state;
    // The spaces just emitted, which a removed or held-back marker takes along.
    type Spaces = { output: number; input: number } | null;
    let spaces: Spaces = null;
    const holdFromSpaces = () => {
      if (spaces) {
        output = output.slice(0, spaces.output);
        i = spaces.input;
      }
    };
    while (i < text.length) {
      const precedingSpaces: Spaces = spaces;
      spaces = null;
      if (state.atLineStart) {
        const line = lineAt(text, i);
        if (!line.complete && !final && couldBeFence(line.text)) break;
        const fence = FENCE_OPENING.exec(line.text);
        if (state.fence) {
          // Inside a fenced block everything is text; a line closes it or not.
          if (!line.complete && !final) break;
          if (closesFence(line.text, state.fence)) state.fence = null;
          output += line.text + (line.complete ? '\n' : '');
          i += line.text.length + (line.complete ? 1 : 0);
          state.atLineStart = line.complete;
          continue;
        }
        if (fence) {
          state.fence = fence[1]!;
          state.inlineTicks = 0;
          if (!line.complete && !final) break;
          output += line.text + (line.complete ? '\n' : '');
          i += line.text.length + (line.complete ? 1 : 0);
          state.atLineStart = line.complete;
          continue;
        }
        state.atLineStart = false;
        state.lineHasText = false;
      }
      const char = text[i]!;
      if (char === '\n') {
        if (!state.lineHasText) state.inlineTicks = 0;
        output += char;
        i++;
        state.atLineStart = true;
        continue;
      }
      if (char === '`') {
        const run = runLength(text, i, '`');
        if (i + run === text.length && !final) break;
        if (state.inlineTicks === 0) state.inlineTicks = run;
        else if (state.inlineTicks === run) state.inlineTicks = 0;
        output += text.slice(i, i + run);
        i += run;
        state.lineHasText = true;
        continue;
      }
      if (char === ' ' || char === '\t') {
        // Spaces wait for what follows them: a removed marker takes the spaces before it along.
        let end = i;
        while (text[end] === ' ' || text[end] === '\t') end++;
        if (end === text.length && !final) break;
        spaces = { output: output.length, input: i };
        output += text.slice(i, end);
        i = end;
        continue;
      }
      state.lineHasText = true;
      if (state.inlineTicks > 0) {
        output += char;
        i++;
        continue;
      }
      if (char === '\\') {
        if (i + 1 === text.length && !final) break;
        // An escaped character is text; a backslash before a line break is a hard break.
        const escaped = text[i + 1] === '\n' ? 1 : 2;
        output += text.slice(i, i + escaped);
        i += escaped;
        continue;
      }
      if (char !== '[') {
        output += char;
        i++;
        continue;
      }
      spaces = precedingSpaces;
      const rest = text.slice(i, i + MAX_MARKER_LENGTH + 2);
      const marker = MARKER.exec(rest);
      if (!marker) {
        if (!final && rest.length <= MAX_MARKER_LENGTH && PARTIAL_MARKER.test(rest)) {
          holdFromSpaces();
          break;
        }
        output += char;
        i++;
        continue;
      }
      const nested = marker[1] === '[';
      const length = marker[0].length + (nested ? 1 : 0);
      if (nested && text[i + marker[0].length] !== ']') {
        // `[[1]` is not a nested marker: the first bracket is text, `[1]` is read next.
        if (i + marker[0].length === text.length && !final) {
          holdFromSpaces();
          break;
        }
        output += char;
        i++;
        continue;
      }
      if (i + length === text.length && !final) {
        holdFromSpaces(); // a `(` may follow: a link, not a marker
        break;
      }
      if (text[i + length] === '(') {
        output += text.slice(i, i + length);
        i += length;
        continue;
      }
      const numbers = marker[2]!.split(',').map((n) => Number(n.trim()));
      if (sourceCount === undefined && !final) {
        holdFromSpaces(); // no sources yet: wait for them
        break;
      }
      const valid = numbers.filter((n) => n >= 1 && n <= (sourceCount ?? 0));
      for (const n of valid) this.cited.add(n);
      if (valid.length) output += valid.map((n) => `[${n}]`).join('');
      else if (spaces) output = output.slice(0, spaces.output);
      i += length;
    }
    return { output, consumed: i };
  }
}

/** Text through its validated markers, fed piece by piece: what `push` returns is final. */
export class CitationFilter {
  private readonly scanner = new MarkerScanner();
  private pending = '';
  private sourceCount: number | undefined;

  /** The numbers (1-based) of the sources cited so far. */
  get cited(): ReadonlySet<number> {
    return this.scanner.cited;
  }

  push(text: string): string {
    this.pending += text;
    return this.release(false);
  }

  /** The provider sent (or replaced) its sources; held-back markers may now be decided. */
  sourcesChanged(count: number): string {
    this.sourceCount = count;
    return this.release(false);
  }

  /** The answer is over: everything held back, with undecided markers removed. */
  end(): string {
    return this.release(true);
  }

  private release(final: boolean): string {
    const { output, consumed } = this.scanner.scan(this.pending, this.sourceCount, final);
    this.pending = this.pending.slice(consumed);
    return output;
  }
}

/** `text` with its markers validated against `sourceCount` sources. */
export function filterCitations(text: string, sourceCount: number): { text: string; cited: ReadonlySet<number> } {
  const filter = new CitationFilter();
  filter.sourcesChanged(sourceCount);
  const filtered = filter.push(text) + filter.end();
  return { text: filtered, cited: filter.cited };
}

/**
 * A provider's events with their markers validated: deltas are held back while they end inside a
 * possible marker, each sources event says which sources are cited so far, and the last event is
 * always the sources, as cited by the whole answer.
 */
export async function* citedEvents(events: AsyncIterable<AgentEvent>, partialAnswer = ''): AsyncGenerator<AgentEvent> {
  const filter = new CitationFilter();
  // A continued answer's sources are cited by the text before the cut too (checked when it streamed).
  const citedBefore = filterCitations(partialAnswer, Number.MAX_SAFE_INTEGER).cited;
  let sources: MessageSource[] = [];
  /** The sources event just sent, while nothing came after it. */
  let lastSent: string | undefined;
  const isCited = (n: number) => filter.cited.has(n) || citedBefore.has(n);
  const markedSources = (): AgentEvent => ({ type: 'sources', sources: sources.map((source, index) => ({ ...source, cited: isCited(index + 1) })) });
  for await (const event of events) {
    const text = event.type === 'delta' ? filter.push(event.text) : filter.sourcesChanged(event.sources.length);
    if (text) {
      lastSent = undefined;
      yield { type: 'delta', text };
    }
    if (event.type === 'sources') {
      sources = event.sources;
      const marked = markedSources();
      lastSent = JSON.stringify(marked);
      yield marked;
    }
  }
  const rest = filter.end();
  if (rest) yield { type: 'delta', text: rest };
  const marked = markedSources();
  if (rest || JSON.stringify(marked) !== lastSent) yield marked;
}

function lineAt(text: string, start: number): { text: string; complete: boolean } {
  const end = text.indexOf('\n', start);
  return end === -1 ? { text: text.slice(start), complete: false } : { text: text.slice(start, end), complete: true };
}

/** Whether an unfinished line may still turn out to open or close a fence. */
function couldBeFence(line: string): boolean {
  return /^ {0,3}(`*|~*)$/.test(line) || FENCE_OPENING.test(line);
}

function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!match && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}

function runLength(text: string, start: number, char: string): number {
  let end = start;
  while (text[end] === char) end++;
  return end - start;
}

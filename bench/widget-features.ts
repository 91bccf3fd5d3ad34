/**
 * What one feature costs the widget's download: its code is cut out of the built chunks (found
 * through their source maps) and each chunk is compressed again, so the figure is what the feature
 * adds after compression, in the context it is compressed in, without a second build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface WidgetFeature {
  name: string;
  /** Source files (under widget/src/) that are wholly the feature's. */
  files: string[];
  /** In shared files (the string catalogs): the feature's lines run from this marker to the end of the object. */
  linesFrom?: string;
}

/** Issue 14's citations and feedback in the answer panel. */
export const CITATIONS_AND_FEEDBACK: WidgetFeature = {
  name: 'citations and feedback',
  files: [
    'markdown/citations.ts',
    'components/conversation-view/citation-popover.ts',
    'components/conversation-view/citation-feedback.styles.ts',
    'components/conversation-view/feedback-view.ts',
    'controllers/feedback-controller.ts',
  ],
  linesFrom: '// citations and feedback',
};

interface SourceMap {
  sources: string[];
  sourcesContent?: Array<string | null>;
  mappings: string;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The fields of one source-map segment (base64 VLQ, as in the Source Map v3 spec). */
function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Whether each source line (0-based) belongs to the feature, per source. */
function featureLines(map: SourceMap, feature: WidgetFeature): Array<(line: number) => boolean> {
  return map.sources.map((source, index) => {
    const path = source.replace(/\\/g, '/').replace(/^.*widget\/src\//, '');
    if (feature.files.includes(path)) return () => true;
    const marker = feature.linesFrom;
    const lines = map.sourcesContent?.[index]?.split('\n') ?? [];
    const start = marker ? lines.findIndex((line) => line.trim() === marker) : -1;
    if (start < 0) return () => false;
    const end = lines.findIndex((line, i) => i > start && line.startsWith('}'));
    return (line) => line >= start && (end < 0 || line < end);
  });
}

/** The chunk's code with the feature's segments removed. */
function withoutFeature(code: string, map: SourceMap, feature: WidgetFeature): string {
  const isFeature = featureLines(map, feature);
  const mappings = map.mappings.split(';');
  let source = 0;
  let sourceLine = 0;
  const kept = code.split('\n').map((line, lineIndex) => {
    const lineMappings = mappings[lineIndex] ?? '';
    const cuts: Array<[number, number]> = [];
    let column = 0;
    let cutFrom: number | undefined;
    for (const segment of lineMappings.split(',').filter(Boolean)) {
      const [columnDelta, sourceDelta, lineDelta] = decodeSegment(segment);
      column += columnDelta!;
      if (sourceDelta !== undefined) {
        source += sourceDelta;
        sourceLine += lineDelta!;
      }
      const inFeature = sourceDelta !== undefined && isFeature[source]!(sourceLine);
      if (inFeature && cutFrom === undefined) cutFrom = column;
      else if (!inFeature && cutFrom !== undefined) {
        cuts.push([cutFrom, column]);
        cutFrom = undefined;
      }
    }
    if (cutFrom !== undefined) cuts.push([cutFrom, line.length]);
    let out = '';
    let at = 0;
    for (const [from, to] of cuts) {
      out += line.slice(at, from);
      at = to;
    }
    return out + line.slice(at);
  });
  return kept.join('\n');
}

/** Gzip bytes the feature adds to the given built files (paths relative to `distDir`). */
export function featureGzipBytes(distDir: string, files: string[], feature: WidgetFeature): { withFeature: number; without: number; added: number } {
  let withFeature = 0;
  let without = 0;
  for (const file of files) {
    const code = readFileSync(join(distDir, file), 'utf8');
    withFeature += gzipSync(code, { level: 9 }).length;
    let map: SourceMap | undefined;
    try {
      map = JSON.parse(readFileSync(join(distDir, `${file}.map`), 'utf8')) as SourceMap;
    } catch {
      map = undefined;
    }
    without += gzipSync(map ? withoutFeature(code, map, feature) : code, { level: 9 }).length;
  }
  return { withFeature, without, added: withFeature - without };
}

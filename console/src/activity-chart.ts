import { html, LitElement, svg, css, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Schemas } from './console-api.js';
import { tokens } from './console.styles.js';

const WIDTH = 720;
const HEIGHT = 180;
const PAD = { top: 12, right: 8, bottom: 24, left: 36 };

/**
 * Conversations and answers per day as two bar series in plain SVG. The chart is an image with a
 * text summary for screen readers; the same figures are in a table below it.
 */
@customElement('console-activity-chart')
export class ActivityChart extends LitElement {
  static override styles = [
    tokens,
    css`
      svg {
        width: 100%;
        height: auto;
        display: block;
      }
      .axis {
        fill: var(--console-muted);
        font-size: 11px;
      }
      .grid {
        stroke: var(--console-border);
      }
      rect.conversations {
        fill: var(--console-bar-conversations);
      }
      rect.answers {
        fill: var(--console-bar-answers);
      }
      .swatch.conversations {
        background: var(--console-bar-conversations);
      }
      .swatch.answers {
        background: var(--console-bar-answers);
      }
      .legend {
        display: flex;
        gap: 16px;
        margin: 4px 0 8px;
        color: var(--console-muted);
      }
      .swatch {
        display: inline-block;
        width: 10px;
        height: 10px;
        border-radius: 2px;
        margin-right: 6px;
      }
      details {
        margin-top: 8px;
      }
      .table-wrap {
        max-height: 260px;
        overflow: auto;
      }
    `,
  ];

  @property({ attribute: false }) days: Schemas['ActivityDayDto'][] = [];

  override render() {
    const days = this.days;
    if (days.length === 0) return nothing;
    const totals = days.reduce((t, d) => ({ conversations: t.conversations + d.conversations, answers: t.answers + d.answers }), { conversations: 0, answers: 0 });
    const busiest = days.reduce((best, d) => (d.answers > best.answers ? d : best), days[0]!);
    const summary = `${count(totals.conversations, 'conversation')} and ${count(totals.answers, 'answer')} from ${days[0]!.day} to ${days.at(-1)!.day}; busiest day ${busiest.day} with ${count(busiest.answers, 'answer')}.`;
    return html`
      <div class="legend" aria-hidden="true">
        <span><span class="swatch conversations"></span>Conversations</span>
        <span><span class="swatch answers"></span>Answers</span>
      </div>
      <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label=${`Chart: ${summary}`}>${this.bars(days)}</svg>
      <p class="muted">${summary}</p>
      <details>
        <summary>Figures per day (table)</summary>
        <div class="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Day</th><th scope="col" class="number">Conversations</th><th scope="col" class="number">Questions</th><th scope="col" class="number">Answers</th></tr>
            </thead>
            <tbody>
              ${days.map((d) => html`<tr><th scope="row">${d.day}</th><td class="number">${d.conversations}</td><td class="number">${d.questions}</td><td class="number">${d.answers}</td></tr>`)}
            </tbody>
          </table>
        </div>
      </details>
    `;
  }

  private bars(days: Schemas['ActivityDayDto'][]) {
    const max = Math.max(1, ...days.map((d) => Math.max(d.conversations, d.answers)));
    // At least 2, so the middle grid line falls on a whole number.
    const top = niceCeiling(Math.max(2, max));
    const plotWidth = WIDTH - PAD.left - PAD.right;
    const plotHeight = HEIGHT - PAD.top - PAD.bottom;
    const slot = plotWidth / days.length;
    const bar = Math.max(1, slot * 0.38);
    const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
    const labelEvery = Math.ceil(days.length / 8);
    return svg`
      ${[0, 0.5, 1].map((f) => svg`<line class="grid" x1=${PAD.left} x2=${WIDTH - PAD.right} y1=${y(top * f)} y2=${y(top * f)}></line>
        <text class="axis" x=${PAD.left - 6} y=${y(top * f) + 4} text-anchor="end">${Number((top * f).toFixed(1))}</text>`)}
      ${days.map((d, i) => {
        const x = PAD.left + i * slot + slot * 0.1;
        return svg`
          <rect class="conversations" x=${x} y=${y(d.conversations)} width=${bar} height=${y(0) - y(d.conversations)}></rect>
          <rect class="answers" x=${x + bar} y=${y(d.answers)} width=${bar} height=${y(0) - y(d.answers)}></rect>
          ${i % labelEvery === 0 ? svg`<text class="axis" x=${x + bar} y=${HEIGHT - 6} text-anchor="middle">${d.day.slice(5)}</text>` : nothing}`;
      })}
    `;
  }
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** 1, 2 or 5 times a power of ten, at least `value`: round figures on the axis. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((n) => n >= value)!;
}

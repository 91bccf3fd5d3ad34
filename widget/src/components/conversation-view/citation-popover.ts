import { html, nothing, type ReactiveController } from 'lit';
import type { Source } from '../../services/api-types.js';
import type { WidgetElement } from '../base/widget-element.js';
import { safeUrl } from './safe-url.js';

/** What a citation's popover says: the source's title and the passage it quotes, as text. */
export function sourceQuote(source: Source) {
  const quote = source.quote || source.snippet;
  return html`<strong>${source.title || source.url}</strong>${quote ? html`<p>${quote}</p>` : nothing}`;
}

/** Long enough to move the pointer from a citation onto its popover. */
const HIDE_DELAY_MS = 250;

/** The citation button an event happened on, if any. */
const citationOf = (event: Event) => (event.target as Element | null)?.closest?.<HTMLButtonElement>('button.cite') ?? null;

/**
 * The popover of an answer's citation buttons: hovering or focusing `[n]` shows source n's title
 * and quote (and describes the button to screen readers), Escape or leaving hides it, activating
 * opens the source at its section in a new tab. One popover for the whole log; its events are
 * delegated, since the buttons live inside rendered Markdown.
 */
export class CitationPopover implements ReactiveController {
  static readonly ID = 'citation-popover';
  /** The source shown, and the button it belongs to. */
  shown: { source: Source; button: HTMLButtonElement } | null = null;
  private hideTimer = 0;

  constructor(
    private readonly host: WidgetElement,
    /** The sources of the message with this id. */
    private readonly sourcesOf: (messageId: string) => Source[] | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.hideTimer);
  }

  readonly onShow = (event: Event) => {
    const button = citationOf(event);
    if (button) this.show(button);
    else if ((event.target as Element).closest?.('.citation-popover')) clearTimeout(this.hideTimer);
  };

  readonly onLeave = (event: Event) => {
    if (citationOf(event) || (event.target as Element).closest?.('.citation-popover')) {
      clearTimeout(this.hideTimer);
      this.hideTimer = window.setTimeout(() => this.hide(), HIDE_DELAY_MS);
    }
  };

  readonly onClick = (event: Event) => {
    const button = citationOf(event);
    const url = button && this.sourceFor(button)?.url;
    const href = url && safeUrl(url);
    if (href) window.open(href, '_blank', 'noopener,noreferrer');
  };

  readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.shown) return;
    // Escape closes the popover, not the whole chat.
    event.stopPropagation();
    this.hide();
  };

  /** Places the popover under its button (above when there is no room), inside the host. */
  position(popover: HTMLElement | null): void {
    if (!popover || !this.shown) return;
    // A streamed answer re-rendered its Markdown: the button is gone, and so is what it pointed at.
    if (!this.shown.button.isConnected) return this.hide();
    const host = this.host.getBoundingClientRect();
    const button = this.shown.button.getBoundingClientRect();
    const below = button.bottom - host.top + 4;
    const top = below + popover.offsetHeight > host.height ? button.top - host.top - popover.offsetHeight - 4 : below;
    const left = Math.max(8, Math.min(button.left - host.left, host.width - popover.offsetWidth - 8));
    popover.style.insetBlockStart = `${Math.max(0, top)}px`;
    popover.style.left = `${left}px`;
  }

  private show(button: HTMLButtonElement): void {
    clearTimeout(this.hideTimer);
    const source = this.sourceFor(button);
    if (!source || this.shown?.button === button) return;
    this.shown?.button.removeAttribute('aria-describedby');
    button.setAttribute('aria-describedby', CitationPopover.ID);
    this.shown = { source, button };
    this.host.requestUpdate();
  }

  private hide(): void {
    clearTimeout(this.hideTimer);
    if (!this.shown) return;
    this.shown.button.removeAttribute('aria-describedby');
    this.shown = null;
    this.host.requestUpdate();
  }

  private sourceFor(button: HTMLButtonElement): Source | undefined {
    const messageId = button.closest<HTMLElement>('[data-message]')?.dataset.message;
    return messageId ? this.sourcesOf(messageId)?.[Number(button.dataset.source) - 1] : undefined;
  }
}

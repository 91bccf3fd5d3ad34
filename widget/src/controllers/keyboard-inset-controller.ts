import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Keeps the composer above the on-screen keyboard. iOS Safari (and Android Chrome in some modes)
 * shrink only the visual viewport when the keyboard opens, so a panel sized to the layout viewport
 * ends up under it. This publishes how much of the layout viewport's bottom is covered, as
 * `--_keyboard-inset` on the host (CSSOM, which a strict CSP allows), for its styles to make room.
 */
export class KeyboardInsetController implements ReactiveController {
  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    window.visualViewport?.addEventListener('resize', this.measure);
    window.visualViewport?.addEventListener('scroll', this.measure);
    this.measure();
  }

  hostDisconnected(): void {
    window.visualViewport?.removeEventListener('resize', this.measure);
    window.visualViewport?.removeEventListener('scroll', this.measure);
  }

  private measure = () => {
    const viewport = window.visualViewport;
    // Zoomed in, the visual viewport is smaller for another reason than a keyboard: no room to make.
    const covered = viewport && viewport.scale <= 1.01 ? window.innerHeight - viewport.height - viewport.offsetTop : 0;
    this.host.style.setProperty('--_keyboard-inset', `${Math.max(0, Math.round(covered))}px`);
  };
}

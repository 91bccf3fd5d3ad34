import { ar } from './ar.js';
import { en, type Strings } from './en.js';
import { fr } from './fr.js';
import { catalogFor } from './launcher.js';

export type { Strings };

const catalogs: Record<string, Strings> = { en, fr, ar };

/** The catalog for a BCP 47 tag ("fr-CA" falls back to "fr", anything unknown to English), with host overrides on top. */
export function resolveStrings(locale: string | undefined, overrides: Partial<Strings> = {}): Strings {
  return { ...catalogFor(catalogs, locale), ...overrides };
}

/** Fills `{name}` placeholders; values are inserted as text by the templates, never as HTML. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}

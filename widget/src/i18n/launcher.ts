/**
 * The strings shown before the panel has loaded: the launcher's label and the placeholder dialog.
 * They load with the page; the full catalogs (en.ts, fr.ts) include them and come with the panel.
 */
export const launcherStrings = {
  en: {
    openChat: 'Open chat',
    closeChat: 'Close chat',
    defaultTitle: 'Chat',
    loading: 'Loading…',
    loadFailed: 'The chat could not be loaded.',
    retry: 'Retry',
  },
  fr: {
    openChat: 'Ouvrir le chat',
    closeChat: 'Fermer le chat',
    defaultTitle: 'Discussion',
    loading: 'Chargement…',
    loadFailed: 'Le chat n’a pas pu être chargé.',
    retry: 'Réessayer',
  },
  ar: {
    openChat: 'فتح المحادثة',
    closeChat: 'إغلاق المحادثة',
    defaultTitle: 'المحادثة',
    loading: 'جارٍ التحميل…',
    loadFailed: 'تعذّر تحميل المحادثة.',
    retry: 'إعادة المحاولة',
  },
};

export type LauncherStrings = (typeof launcherStrings)['en'];

/** The catalog for a BCP 47 tag: "fr-CA" falls back to "fr", anything unknown to English. */
export function catalogFor<T>(catalogs: Record<string, T>, locale: string | undefined): T {
  return catalogs[(locale ?? 'en').toLowerCase().split('-')[0]!] ?? catalogs['en']!;
}

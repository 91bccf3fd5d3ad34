/** A URL safe to put in an href: http(s) only; anything else (javascript:, data:) gives undefined. */
export function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

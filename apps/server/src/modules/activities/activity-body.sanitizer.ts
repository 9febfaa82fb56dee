import sanitizeHtml from 'sanitize-html';

// Kept on 2.17.5: later releases require Node 22, and Kap supports Node 20.19. The advisories
// fixed since (raw-text parsing of textarea/xmp, SVG animation of URL attributes) need tags this
// allow-list refuses; tests pin both. Move up when Kap's Node floor does.
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel', 'target'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Scripts, styles and the like go with their content; other unknown tags keep their text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'iframe',
    'object',
    'svg',
    'math',
  ],
  transformTags: {
    // Links open a new tab that gets no handle on Kap's window and no referrer.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/**
 * Activity bodies are rich text from users, mail and integrations, shown in other users'
 * browsers: only a small formatting subset survives, links only to http(s) and mailto. Done on
 * write, so every client (web, CLI, API consumers) reads safe HTML.
 */
export function sanitizeActivityBody(html: string | null | undefined): string | null {
  if (html === null || html === undefined) return null;
  const clean = sanitizeHtml(html, OPTIONS).trim();
  return clean === '' ? null : clean;
}

/** The body as plain text (for timeline summaries): tags dropped, entities decoded, spaces collapsed. */
export function toPlainText(html: string | null, maxLength: number): string {
  if (!html) return '';
  const text = sanitizeHtml(html.replace(/<(br|\/p|\/li|\/blockquote|\/pre)\b[^>]*>/gi, ' $&'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

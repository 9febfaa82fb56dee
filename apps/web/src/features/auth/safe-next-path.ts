/** Only same-site paths are allowed after login, so a crafted `?next=` cannot send users elsewhere. */
export function safeNextPath(next: string | null): string {
  if (next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return '/contacts';
}

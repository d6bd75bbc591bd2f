/**
 * A person's PaperCut username, chosen once and then kept (stored on the account): the e-mail address when it is a
 * valid PaperCut username (config `usernames: 'email'`, the default), else `tessera-<person id>`. A later e-mail change updates the e-mail property only.
 */

/** The username for a new PaperCut user (`mode` `person-id`: always `tessera-<person id>`). */
export function usernameFor(personId: string, email: string | null, mode: 'email' | 'person-id' = 'email'): string {
  const e = email?.trim().toLowerCase()
  return mode === 'email' && e && /^[a-z0-9._%+@-]{3,100}$/.test(e) ? e : `tessera-${personId}`
}

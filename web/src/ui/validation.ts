/** Same minimum as the server's password schema. */
export const MIN_PASSWORD_LENGTH = 12;

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/** Moves focus to the first field that has an error, so the user lands where the problem is. */
export function focusFirstError(errors: Record<string, string | undefined>): void {
  const first = Object.entries(errors).find(([, message]) => Boolean(message));
  if (first) document.getElementById(first[0])?.focus();
}

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}

/**
 * Follows the `prefers-reduced-motion` media query while the page is open: `onChange` is called
 * with the new preference whenever the user (or OS) changes it. Returns the function that stops
 * watching.
 */
export function watchReducedMotion(onChange: (reduced: boolean) => void): () => void {
  const query = matchMedia('(prefers-reduced-motion: reduce)');
  const listener = (e: MediaQueryListEvent): void => onChange(e.matches);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

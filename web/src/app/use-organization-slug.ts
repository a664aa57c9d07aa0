import { useMatch } from 'react-router';

/** The municipality slug of the current address, if inside one. */
export function useOrganizationSlug(): string | undefined {
  const deep = useMatch('/:slug/*');
  const slug = deep?.params.slug || undefined;
  // `/platform` is the platform administration, not a municipality (the slug is reserved).
  return slug === 'platform' ? undefined : slug;
}

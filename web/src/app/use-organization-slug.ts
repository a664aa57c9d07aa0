import { useMatch } from 'react-router';

/** The municipality slug of the current address, if inside one. */
export function useOrganizationSlug(): string | undefined {
  const deep = useMatch('/:slug/*');
  return deep?.params.slug || undefined;
}

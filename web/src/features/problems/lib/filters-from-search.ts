import type { TProblemFilters } from '@hamandishi/contracts';

// Apart from the filter form, so the map page can read its address without fetching the form
// (its selects bring Radix and zod, which a first visit with the panel folded never uses).

const FILTER_KEYS = ['themeId', 'districtId', 'status', 'capacity', 'from', 'to', 'q'] as const;

/** Reads the filters from the address (so a filtered map can be shared). */
export function filtersFromSearch(params: URLSearchParams): TProblemFilters {
  const filters: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) filters[key] = v;
  }
  return filters as TProblemFilters;
}

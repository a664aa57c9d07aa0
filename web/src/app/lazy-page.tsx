import { isValidElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { RouteObject } from 'react-router';

type Loader = () => Promise<unknown>;

/** A page split into its own chunk that can also be fetched before it renders. */
export type LazyPage = LazyExoticComponent<ComponentType> & { preload: () => void };

/**
 * `React.lazy` plus `preload()`: fetches the page's chunk and whatever it opens at once (`alsoNeeds`,
 * such as the map of the problems page), so none of them waits for the one before to render.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>, ...alsoNeeds: Loader[]): LazyPage {
  const page = lazy(load) as LazyPage;
  page.preload = () => {
    for (const loader of [load, ...alsoNeeds]) void loader().catch(() => undefined);
  };
  return page;
}

/** Preloads the pages of the given routes (the routes a URL matches, outermost first). */
export function preloadPages(routes: RouteObject[]): void {
  for (const route of routes) {
    const type: unknown = isValidElement(route.element) ? route.element.type : undefined;
    if (type && typeof (type as Partial<LazyPage>).preload === 'function') (type as LazyPage).preload();
  }
}

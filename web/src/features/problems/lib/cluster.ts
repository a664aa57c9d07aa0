import type { Locale } from '@hamandishi/contracts';
import { formatNumber } from '@/lib/format';

/** A cluster's label: its count in the reader's digits (۱۲ in Persian), 999+ beyond that. */
export function clusterLabel(count: number, locale: Locale): string {
  return count > 999 ? `${formatNumber(999, locale)}+` : formatNumber(count, locale);
}

/** A cluster's radius in pixels: grows with the logarithm of the count, readable at any size. */
export function clusterRadius(count: number): number {
  return Math.min(36, 14 + Math.round(Math.log10(Math.max(1, count)) * 9));
}

/** The zoom a click on a cluster goes to. */
export function zoomIntoCluster(zoom: number): number {
  return Math.min(18, zoom + 2);
}

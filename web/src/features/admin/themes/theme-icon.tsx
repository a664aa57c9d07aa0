import type { ReactNode } from 'react';
import type { ThemeIcon as ThemeIconName } from '@hamandishi/contracts';

// Simple line drawings on a 24×24 grid, drawn with the text colour (like components/icons.tsx).
const SHAPES: Record<ThemeIconName, ReactNode> = {
  tag: (
    <>
      <path d="M3 12V4h8l10 10-8 8z" />
      <circle cx="7.5" cy="7.5" r="1.5" />
    </>
  ),
  transport: (
    <>
      <rect x="4" y="3" width="16" height="14" rx="2" />
      <path d="M4 11h16M7 21l1-4M17 21l-1-4" />
      <circle cx="8" cy="14" r="1" />
      <circle cx="16" cy="14" r="1" />
    </>
  ),
  traffic: (
    <>
      <rect x="8" y="2" width="8" height="20" rx="3" />
      <circle cx="12" cy="7" r="1.5" />
      <circle cx="12" cy="12" r="1.5" />
      <circle cx="12" cy="17" r="1.5" />
    </>
  ),
  road: <path d="M8 2 4 22M16 2l4 20M12 4v3M12 11v3M12 18v3" />,
  bicycle: (
    <>
      <circle cx="6" cy="16" r="4" />
      <circle cx="18" cy="16" r="4" />
      <path d="M6 16l4-8h6l2 8M10 8 8 5H6M14 8l-4 8" />
    </>
  ),
  waste: <path d="M4 6h16M9 6V3h6v3M6 6l1 15h10l1-15M10 10v7M14 10v7" />,
  recycling: <path d="M7 19H4l4-7M3 12l5 0-2-3M17 19h3l-4-7M14 21l3-2-3-2M12 3l-4 6M12 3l4 6M16 9l1-3" />,
  park: (
    <>
      <path d="M12 3 6 13h12z" />
      <path d="M12 13v8M4 21h16" />
    </>
  ),
  tree: (
    <>
      <circle cx="12" cy="9" r="6" />
      <path d="M12 15v7M9 22h6" />
    </>
  ),
  water: <path d="M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11z" />,
  building: <path d="M4 21V7l8-4 8 4v14M4 21h16M9 21v-5h6v5M8 10h2M14 10h2" />,
  landscape: <path d="M2 20l6-9 4 5 3-4 7 8zM17 6a2 2 0 1 0 0-.01" />,
  culture: <path d="M3 9l9-6 9 6M5 9v10M10 9v10M14 9v10M19 9v10M3 21h18" />,
  community: (
    <>
      <circle cx="8" cy="8" r="3" />
      <circle cx="17" cy="9" r="2.5" />
      <path d="M2 20c0-3.5 2.7-6 6-6s6 2.5 6 6M14 14.5c3.5-.5 7 1.5 7 5.5" />
    </>
  ),
  finance: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M15 9c-.5-1-1.7-1.5-3-1.5-1.7 0-3 .9-3 2.2 0 3 6 1.6 6 4.5 0 1.3-1.3 2.3-3 2.3-1.4 0-2.6-.6-3-1.6M12 5.5v2M12 16.5v2" />
    </>
  ),
  'smart-city': (
    <>
      <rect x="5" y="5" width="14" height="14" rx="2" />
      <rect x="9" y="9" width="6" height="6" />
      <path d="M9 2v3M15 2v3M9 19v3M15 19v3M2 9h3M2 15h3M19 9h3M19 15h3" />
    </>
  ),
  environment: <path d="M5 19c0-9 6-14 15-14 0 9-5 15-14 15M5 19c3-4 6-7 10-9" />,
  safety: <path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4" />,
  health: (
    <>
      <rect x="3" y="3" width="18" height="18" rx="3" />
      <path d="M12 8v8M8 12h8" />
    </>
  ),
  education: <path d="M2 9l10-5 10 5-10 5zM6 11v5c3 2.5 9 2.5 12 0v-5M22 9v6" />,
  lighting: <path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10.5c.7.7 1 1.5 1 2.5h6c0-1 .3-1.8 1-2.5A6 6 0 0 0 12 3z" />,
};

export type ThemeIconProps = { name: ThemeIconName; className?: string };

/** A theme's icon as inline SVG (decorative: the theme's name is always written beside it). */
export function ThemeIcon({ name, className }: ThemeIconProps) {
  return (
    <svg
      className={['icon', className].filter(Boolean).join(' ')}
      width="1.25em"
      height="1.25em"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name] ?? SHAPES.tag}
    </svg>
  );
}

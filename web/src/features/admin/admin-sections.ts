/** The administration area's screens, in the order its navigation lists them (path under `/:slug/admin`). */
export const ADMIN_SECTIONS = [
  { path: 'settings', labelKey: 'nav.settings' },
  { path: 'districts', labelKey: 'nav.districts' },
  { path: 'themes', labelKey: 'nav.themes' },
  { path: 'members', labelKey: 'nav.members' },
  { path: 'invitations', labelKey: 'nav.invitations' },
  { path: 'audit', labelKey: 'nav.audit' },
] as const;

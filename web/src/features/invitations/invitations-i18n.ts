import { i18next } from '@/app/i18n';
import arInvitations from '@/locales/ar/invitations.json';
import enInvitations from '@/locales/en/invitations.json';
import faInvitations from '@/locales/fa/invitations.json';

/** An invitation's landing page and the profile's invitations have their own catalog, loaded with them. */
export const INVITATIONS_NS = 'invitations';

/** The invitations catalog of every language (a test keeps their keys equal). */
export const invitationsResources = { fa: faInvitations, ar: arInvitations, en: enInvitations } as const;

for (const [locale, bundle] of Object.entries(invitationsResources)) {
  if (!i18next.hasResourceBundle(locale, INVITATIONS_NS)) i18next.addResourceBundle(locale, INVITATIONS_NS, bundle, true, true);
}

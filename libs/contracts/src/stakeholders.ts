/** Whether a stakeholder is an organisation or a single person. */
export const STAKEHOLDER_FORMS = ['organization', 'person'] as const;
/** A stakeholder's form. */
export type StakeholderForm = (typeof STAKEHOLDER_FORMS)[number];

/**
 * The kinds of stakeholder a plan draws on (the database checks the same list): NGO,
 * academic/expert, executive agency, city council, municipal deputy/district/affiliated
 * organisation, private sector/start-up, religious or volunteer group, media, citizen group.
 */
export const STAKEHOLDER_KINDS = [
  'ngo',
  'academic',
  'executive_agency',
  'city_council',
  'municipal_affiliate',
  'private_sector',
  'religious_volunteer',
  'media',
  'citizen_group',
] as const;
/** A kind of stakeholder. */
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number];

import { District } from './district.entity';
import { Organization } from './organization.entity';
import { OrganizationSettings } from './organization-settings.entity';
import { Theme } from './theme.entity';

export const ORGANIZATION_ENTITIES = [Organization, OrganizationSettings, District, Theme];

import { District } from './district.entity';
import { Organization } from './organization.entity';
import { Theme } from './theme.entity';

export const ORGANIZATION_ENTITIES = [Organization, District, Theme];

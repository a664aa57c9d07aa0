import { DistrictPopulation } from './district-population.entity';

export const DISTRICT_ENTITIES = [DistrictPopulation];

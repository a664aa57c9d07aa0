import { Invitation } from './invitation.entity';

export const INVITATION_ENTITIES = [Invitation];

import { Account } from './entities/account.entity';
import { KnownDevice } from './entities/known-device.entity';
import { Membership } from './entities/membership.entity';
import { OneTimeCode } from './entities/one-time-code.entity';
import { Session } from './entities/session.entity';

/** The identity module's tables, registered in database/entities.ts. */
export const IDENTITY_ENTITIES = [Account, Membership, Session, OneTimeCode, KnownDevice];

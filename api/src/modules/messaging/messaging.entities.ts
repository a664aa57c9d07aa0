import { OutboxMessage } from './outbox-message.entity';

/** The messaging module's tables, registered in database/entities.ts. */
export const MESSAGING_ENTITIES = [OutboxMessage];

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A browser (its device cookie, hashed) that has signed in to an account. */
@Entity('known_device')
export class KnownDevice {
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @PrimaryColumn({ type: 'bytea' }) deviceHash!: Buffer;
  @Column({ type: 'timestamptz' }) lastSignInAt!: Date;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Queries on known_device. */
@Injectable()
export class KnownDevicesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async isKnown(accountId: string, deviceHash: Buffer): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM known_device WHERE account_id = $1 AND device_hash = $2`,
      [accountId, deviceHash],
    );
    return rows.length > 0;
  }

  async remember(accountId: string, deviceHash: Buffer): Promise<void> {
    await this.db.query(
      `INSERT INTO known_device (account_id, device_hash) VALUES ($1, $2)
       ON CONFLICT (account_id, device_hash) DO UPDATE SET last_sign_in_at = now()`,
      [accountId, deviceHash],
    );
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CodePurpose, PendingSignUp } from './entities/one-time-code.entity';
import { returningRows } from '../../database/returning-rows';

/** The newest code still open for a recipient. */
export type OpenCode = {
  id: string;
  codeHash: string;
  attempts: number;
  expiresAt: Date;
  payload: PendingSignUp | null;
};

/** Queries on one_time_code. */
@Injectable()
export class CodesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** When the newest code for the recipient was sent (for the resend wait). */
  async lastSentAt(recipient: string, purpose: CodePurpose): Promise<Date | null> {
    const [row] = await this.db.query(
      `SELECT created_at AS "createdAt" FROM one_time_code WHERE recipient = $1 AND purpose = $2 ORDER BY created_at DESC LIMIT 1`,
      [recipient, purpose],
    );
    return row?.createdAt ?? null;
  }

  /** Stores a new code and closes the recipient's older ones: only the newest code works. */
  async replace(
    recipient: string,
    purpose: CodePurpose,
    codeHash: string,
    ttlSeconds: number,
    payload: PendingSignUp | null = null,
  ): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query(
        `UPDATE one_time_code SET consumed_at = now(), payload = NULL WHERE recipient = $1 AND purpose = $2 AND consumed_at IS NULL`,
        [recipient, purpose],
      );
      await m.query(
        `INSERT INTO one_time_code (recipient, purpose, code_hash, expires_at, payload)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5)`,
        [recipient, purpose, codeHash, ttlSeconds, payload === null ? null : JSON.stringify(payload)],
      );
    });
  }

  async newestOpen(recipient: string, purpose: CodePurpose): Promise<OpenCode | null> {
    const [row] = await this.db.query(
      `SELECT id, code_hash AS "codeHash", attempts, expires_at AS "expiresAt", payload FROM one_time_code
       WHERE recipient = $1 AND purpose = $2 AND consumed_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [recipient, purpose],
    );
    return row ?? null;
  }

  /** Counts a wrong attempt atomically; at `maxAttempts` the code is burned. */
  async countWrongAttempt(id: string, maxAttempts: number): Promise<{ attempts: number; burned: boolean } | null> {
    const [row] = returningRows<{ attempts: number; burned: boolean }>(
      await this.db.query(
        `UPDATE one_time_code SET attempts = attempts + 1,
         consumed_at = CASE WHEN attempts + 1 >= $2 THEN now() ELSE NULL END,
         payload = CASE WHEN attempts + 1 >= $2 THEN NULL ELSE payload END
       WHERE id = $1 AND consumed_at IS NULL
       RETURNING attempts, consumed_at IS NOT NULL AS burned`,
        [id, maxAttempts],
      ),
    );
    return row ?? null;
  }

  /** Uses the code up; false when another request got there first (single use). */
  async consume(id: string): Promise<boolean> {
    const rows = returningRows(
      await this.db.query(
        `UPDATE one_time_code SET consumed_at = now(), payload = NULL
         WHERE id = $1 AND consumed_at IS NULL AND expires_at > now() RETURNING id`,
        [id],
      ),
    );
    return rows.length > 0;
  }
}

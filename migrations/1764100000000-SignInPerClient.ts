import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in protection per (identifier, client) instead of per account:
 * - failed attempts are counted in rate_limit_counter under the identifier and the client, so
 *   the account-wide failure count and lock go (they let anyone lock the owner out);
 * - known_device remembers the browsers (a random device cookie, stored hashed) that signed in
 *   to an account, so the owner's own browser is never locked out by someone else's guesses;
 * - an e-mail sign-up is confirmed by a code, and the pending account (password hash, display
 *   name) waits in its one_time_code row until then.
 */
export class SignInPerClient1764100000000 implements MigrationInterface {
  name = 'SignInPerClient1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE account DROP COLUMN failed_sign_ins, DROP COLUMN locked_until`);
    await q.query(`
      CREATE TABLE known_device (
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        device_hash bytea NOT NULL,
        last_sign_in_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, device_hash)
      )`);
    await q.query(`ALTER TABLE one_time_code ADD COLUMN payload jsonb`);
    await q.query(`ALTER TABLE one_time_code DROP CONSTRAINT ck_one_time_code_purpose`);
    await q.query(
      `ALTER TABLE one_time_code ADD CONSTRAINT ck_one_time_code_purpose CHECK (purpose IN ('sign_in', 'sign_up'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM one_time_code WHERE purpose <> 'sign_in'`);
    await q.query(`ALTER TABLE one_time_code DROP CONSTRAINT ck_one_time_code_purpose`);
    await q.query(`ALTER TABLE one_time_code ADD CONSTRAINT ck_one_time_code_purpose CHECK (purpose IN ('sign_in'))`);
    await q.query(`ALTER TABLE one_time_code DROP COLUMN payload`);
    await q.query(`DROP TABLE known_device`);
    await q.query(
      `ALTER TABLE account ADD COLUMN failed_sign_ins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`,
    );
  }
}

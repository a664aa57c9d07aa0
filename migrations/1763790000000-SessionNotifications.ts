import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces on channel `hamandishi_sessions` (payload: the account id) every change that must
 * end a cached session or membership in every API process: a session ended, an account's status
 * or superadmin flag changed, a membership added, changed or removed. NOTIFY is delivered at
 * commit, so nobody evicts for a change that rolled back.
 */
export class SessionNotifications1763790000000 implements MigrationInterface {
  name = 'SessionNotifications1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- NEW/OLD fields are resolved per table, so each table gets its own branch.
        IF TG_TABLE_NAME = 'account' THEN
          PERFORM pg_notify('hamandishi_sessions', NEW.id::text);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('hamandishi_sessions', OLD.account_id::text);
        ELSE
          PERFORM pg_notify('hamandishi_sessions', NEW.account_id::text);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER tr_session_ended AFTER DELETE ON session FOR EACH ROW EXECUTE FUNCTION notify_session_change()`);
    await q.query(`
      CREATE TRIGGER tr_account_access_changed AFTER UPDATE OF status, is_superadmin ON account
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.is_superadmin IS DISTINCT FROM NEW.is_superadmin)
      EXECUTE FUNCTION notify_session_change()`);
    await q.query(`CREATE TRIGGER tr_membership_changed AFTER INSERT OR UPDATE OR DELETE ON membership FOR EACH ROW EXECUTE FUNCTION notify_session_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_membership_changed ON membership`);
    await q.query(`DROP TRIGGER tr_account_access_changed ON account`);
    await q.query(`DROP TRIGGER tr_session_ended ON session`);
    await q.query(`DROP FUNCTION notify_session_change()`);
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { Locale } from '@hamandishi/contracts';
import { Account, type AccountStatus } from './entities/account.entity';


/** Queries on account. */
@Injectable()
export class AccountsRepository {
  constructor(@InjectRepository(Account) private readonly rows: Repository<Account>) {}

  findById(id: string): Promise<Account | null> {
    return this.rows.findOneBy({ id });
  }

  findByMobile(mobile: string): Promise<Account | null> {
    return this.rows.findOneBy({ mobile });
  }

  findByEmail(email: string): Promise<Account | null> {
    return this.rows.findOneBy({ email });
  }

  async insert(input: {
    mobile?: string;
    email?: string;
    passwordHash?: string;
    displayName: string;
    locale?: Locale;
  }): Promise<Account> {
    const [row] = await this.rows.query(
      `INSERT INTO account (mobile, email, password_hash, display_name, locale)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [input.mobile ?? null, input.email ?? null, input.passwordHash ?? null, input.displayName, input.locale ?? 'fa'],
    );
    return (await this.findById(row.id))!;
  }

  async setStatus(id: string, status: AccountStatus, manager?: EntityManager): Promise<void> {
    await (manager ?? this.rows.manager).query(`UPDATE account SET status = $2, updated_at = now() WHERE id = $1`, [
      id,
      status,
    ]);
  }

  async updateProfile(
    id: string,
    changes: Partial<Pick<Account, 'displayName' | 'locale' | 'demographicsConsentAt' | 'ageBand' | 'gender'>>,
  ): Promise<Account> {
    if (Object.keys(changes).length > 0) await this.rows.update({ id }, changes);
    return (await this.findById(id))!;
  }

  /** Erases everything that identifies the person; the row stays so their content keeps an author. */
  async anonymise(id: string, placeholderName: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE account SET status = 'deleted', display_name = $2, mobile = NULL, email = NULL, password_hash = NULL,
         demographics_consent_at = NULL, age_band = NULL, gender = NULL, is_superadmin = false, updated_at = now()
       WHERE id = $1`,
      [id, placeholderName],
    );
    await manager.query(`DELETE FROM known_device WHERE account_id = $1`, [id]);
  }
}

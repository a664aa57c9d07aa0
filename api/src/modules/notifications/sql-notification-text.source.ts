import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { NotificationTextSource, NotificationTitles } from './notification-text';

/**
 * Reads the Persian titles straight from the plans module's tables (plan, stage, activity: jsonb
 * `title`, scoped by organization_id), one query; a missing row gives a null title.
 */
@Injectable()
export class SqlNotificationTextSource implements NotificationTextSource {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async titles(organizationId: string, ids: { planId: string; stageId?: string; activityId?: string }): Promise<NotificationTitles> {
    const [row] = await this.db.query(
      `SELECT o.slug AS "organizationSlug",
              (SELECT p.title->>'fa' FROM plan p WHERE p.organization_id = o.id AND p.id = $2::uuid) AS "planTitle",
              (SELECT s.title->>'fa' FROM stage s WHERE s.organization_id = o.id AND s.id = $3::uuid) AS "stageTitle",
              (SELECT a.title->>'fa' FROM activity a WHERE a.organization_id = o.id AND a.id = $4::uuid) AS "activityTitle"
       FROM organization o WHERE o.id = $1`,
      [organizationId, ids.planId, ids.stageId ?? null, ids.activityId ?? null],
    );
    return row ?? { organizationSlug: null, planTitle: null, stageTitle: null, activityTitle: null };
  }
}

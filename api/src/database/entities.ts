import { ATTACHMENT_ENTITIES } from '../modules/attachments/attachments.entities';
import { COMMENT_ENTITIES } from '../modules/comments/comment.entities';
import { DISTRICT_ENTITIES } from '../modules/districts/districts.entities';
import { CONSULTATION_ENTITIES } from '../modules/consultations/consultation.entities';
import { INVITATION_ENTITIES } from '../modules/invitations/invitations.entities';
import { IDENTITY_ENTITIES } from '../modules/identity/identity.entities';
import { MESSAGING_ENTITIES } from '../modules/messaging/messaging.entities';
import { NOTIFICATION_ENTITIES } from '../modules/notifications/notification.entities';
import { ORGANIZATION_ENTITIES } from '../modules/organizations/organizations.entities';
import { PLAN_ENTITIES } from '../modules/plans/plan.entities';
import { PROBLEM_ENTITIES } from '../modules/problems/problem.entities';
import { SurveyAnswerFact } from '../modules/surveys/results/survey-answer-fact.entity';
import { SURVEY_ENTITIES } from '../modules/surveys/survey.entities';
import { SURVEY_EXPORT_ENTITIES } from '../modules/surveys/export/survey-export.entities';

/** Every TypeORM entity of the app (the app, the migration CLI and the tests use this one list). */
export const ALL_ENTITIES = [...ORGANIZATION_ENTITIES, ...IDENTITY_ENTITIES, ...MESSAGING_ENTITIES, ...ATTACHMENT_ENTITIES, ...NOTIFICATION_ENTITIES, ...PLAN_ENTITIES, ...COMMENT_ENTITIES, ...PROBLEM_ENTITIES, ...CONSULTATION_ENTITIES, ...INVITATION_ENTITIES, ...DISTRICT_ENTITIES, ...SURVEY_ENTITIES, SurveyAnswerFact, ...SURVEY_EXPORT_ENTITIES];

import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ACTIVITY_TYPES, type ActivityType } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { fieldErrors } from '../../common/validation/zod-issues';

/** How one kind of activity describes its settings; registered by the module that runs it. */
export type ActivityTypeDefinition = {
  type: ActivityType;
  settingsSchema: z.ZodType<Record<string, unknown>>;
  defaults: Record<string, unknown>;
  /**
   * Which of these open activities people can actually use now (a consultation needs a published
   * edition). Without it every open activity of the kind is ready.
   */
  readyAmong?: (organizationId: string, activityIds: string[]) => Promise<Set<string>>;
};

/**
 * The kinds of activity a stage can hold. The four built-in kinds start with permissive settings;
 * the module that runs a kind (problems, consultations, surveys, thinktank) calls `register` on
 * init with its own schema, which replaces the placeholder.
 */
@Injectable()
export class ActivityTypeRegistry {
  private readonly types = new Map<ActivityType, ActivityTypeDefinition>();
  // Kinds a module has registered: the others (surveys, think-tank series for now) have no pages yet.
  private readonly run = new Set<ActivityType>();

  constructor() {
    for (const type of ACTIVITY_TYPES) this.types.set(type, { type, settingsSchema: z.looseObject({}), defaults: {} });
  }

  /** Whether a module runs this kind (so people have somewhere to take part). */
  isRun(type: ActivityType): boolean {
    return this.run.has(type);
  }

  /** The open activities (of kinds a module runs) that people can use now. */
  async readyAmong(organizationId: string, activities: readonly { id: string; type: ActivityType }[]): Promise<Set<string>> {
    const ready = new Set<string>();
    for (const type of new Set(activities.map((a) => a.type))) {
      if (!this.isRun(type)) continue;
      const ids = activities.filter((a) => a.type === type).map((a) => a.id);
      const check = this.types.get(type)?.readyAmong;
      for (const id of check ? await check(organizationId, ids) : ids) ready.add(id);
    }
    return ready;
  }

  /** Declares (or replaces) a kind's settings schema and defaults. */
  register(definition: ActivityTypeDefinition): void {
    this.types.set(definition.type, definition);
    this.run.add(definition.type);
  }

  /** The definition of a kind; 400 `plans.activity_type_unknown` for a kind nobody registered. */
  get(type: string): ActivityTypeDefinition {
    const definition = this.types.get(type as ActivityType);
    if (!definition) throw new AppError('plans.activity_type_unknown', 400, 'Unknown activity type', { type: 'invalid_value' });
    return definition;
  }

  /** Defaults merged with `settings`, parsed by the kind's schema; 400 `plans.activity_settings_invalid` with fields. */
  parseSettings(type: string, settings: Record<string, unknown>): Record<string, unknown> {
    const definition = this.get(type);
    const result = definition.settingsSchema.safeParse({ ...definition.defaults, ...settings });
    if (!result.success) {
      const fields = Object.fromEntries(
        Object.entries(fieldErrors(result.error.issues)).map(([path, code]) => [path === '_' ? 'settings' : `settings.${path}`, code]),
      );
      throw new AppError('plans.activity_settings_invalid', 400, 'Invalid activity settings', fields);
    }
    return result.data;
  }
}

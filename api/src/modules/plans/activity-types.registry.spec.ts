import { z } from 'zod';
import { AppError } from '../../common/errors/app-error';
import { ActivityTypeRegistry } from './activity-types.registry';

describe('activity type registry', () => {
  it('accepts any settings for a built-in kind until its module registers a schema', () => {
    const registry = new ActivityTypeRegistry();
    expect(registry.parseSettings('survey', { anything: 1 })).toEqual({ anything: 1 });
  });

  it("checks settings with the registering module's schema and fills its defaults", () => {
    const registry = new ActivityTypeRegistry();
    registry.register({
      type: 'survey',
      settingsSchema: z.strictObject({ anonymous: z.boolean(), maxAnswers: z.number().int().min(1) }),
      defaults: { anonymous: true },
    });
    expect(registry.parseSettings('survey', { maxAnswers: 3 })).toEqual({ anonymous: true, maxAnswers: 3 });
    try {
      registry.parseSettings('survey', { maxAnswers: 0, extra: 1 });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('plans.activity_settings_invalid');
      expect((error as AppError).fields).toEqual({ 'settings.maxAnswers': 'too_small', 'settings.extra': 'unknown_field' });
    }
  });

  it('refuses a kind nobody registered', () => {
    expect(() => new ActivityTypeRegistry().get('lottery')).toThrow(expect.objectContaining({ code: 'plans.activity_type_unknown' }));
  });
});

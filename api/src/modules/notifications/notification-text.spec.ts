import { PLAN_STATUSES, PROBLEM_STATUSES } from '@hamandishi/contracts';
import { describeNotification } from './notification-text';

describe('describeNotification (digest lines by SMS and email)', () => {
  it('names every problem status in Persian, never the raw code', () => {
    for (const status of PROBLEM_STATUSES) {
      const line = describeNotification('problem.status_changed', { title: 'چاله', status });
      expect(line).not.toMatch(/[a-z_]{3,}/);
    }
  });

  it('names every plan status in Persian, never the raw code', () => {
    for (const to of PLAN_STATUSES) {
      expect(describeNotification('plan.status_changed', { planTitle: 'برنامه', from: 'drafting', to })).not.toMatch(
        /[a-z_]{3,}/,
      );
    }
  });

  it('reads an unknown status as a neutral word', () => {
    expect(describeNotification('problem.status_changed', { title: 'چاله', status: 'teleported' })).toBe(
      'وضعیت مسئلهٔ «چاله» به «وضعیتی تازه» تغییر کرد',
    );
  });
});

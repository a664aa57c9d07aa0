import type { TestApp } from '../support/test-app';
import type { BuiltOrganization } from '../factories/organization.factory';
import { grantRoles, newSignedInPerson } from '../identity/identity-helpers';
import { thisJalaliYear } from '../factories/plan.factory';

/** A signed-in person holding `roles` in the organisation. */
export async function personWithRoles(t: TestApp, org: BuiltOrganization, roles: string[], displayName = 'کارشناس برنامه‌ریزی') {
  const person = await newSignedInPerson(t.url, { displayName });
  await grantRoles(t.db, org.id, person.accountId, roles);
  return person;
}

/** A body for POST /plans whose horizon contains today. */
export function newPlanBody(title = 'برنامه راهبردی-عملیاتی') {
  const y = thisJalaliYear();
  return {
    title: { fa: title, en: 'Strategic-operational plan' },
    kind: 'strategic_operational',
    strategicHorizon: { from: y - 1, to: y + 8 },
    operationalHorizon: { from: y - 1, to: y + 3 },
  };
}

/** Resolves once `check` passes (the job poller may win the race with drain()). */
export async function eventually(check: () => void | Promise<void>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

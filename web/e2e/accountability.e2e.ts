import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';
import { buildMonitoringFixture, type MonitoringFixture } from './support/strategy-monitoring';

const PLANNER = 'planner@demo.hamandishi.ir';
const PERSIAN_DIGIT = /[۰-۹]/;

describe('accountability: a planner links demands and measures; a citizen sees what the plan does; the public dashboard', () => {
  let browser: Browser;
  let planner: Page;
  let citizen: Page;
  let fixture: MonitoringFixture;
  const citizenName = `شهروند پایش ${Math.random().toString(36).slice(2, 6)}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    citizen = await newPage(browser);
    await signUpCitizen(citizen, citizenName);
    fixture = await buildMonitoringFixture(citizenName);
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a planner link a demand group to a project and record a measurement and progress (Persian, RTL)', async () => {
    await planner.goto(`/${SLUG}/manage/plans/${fixture.planId}/monitoring`);
    await planner.getByRole('heading', { level: 1, name: 'پایش برنامه' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');

    // Link the demand group to the project, found by search.
    await planner.getByRole('tab', { name: 'پیوند با مطالبات' }).click();
    await planner.getByLabel('پروژه', { exact: true }).selectOption(fixture.projectId);
    await planner.getByRole('searchbox', { name: 'جست‌وجوی مطالبات' }).fill('آب گرفتگی');
    await planner.getByRole('button', { name: 'جست‌وجو' }).click();
    const group = planner.getByTestId('candidate-group').filter({ hasText: fixture.groupName });
    await group.getByRole('button', { name: 'پیوند به پروژه' }).click();
    await planner.getByText('پیوند برقرار شد.').waitFor();
    await planner.getByTestId('trace-links').getByText(fixture.projectTitle).waitFor();
    await expectNoSeriousA11yViolations(planner, 'monitoring, links');

    // A measurement for the year: 35 of 100 → 35 %, (35 − 20) / (40 − 20) = 0.75 → at risk.
    await planner.getByRole('tab', { name: 'شاخص‌ها' }).click();
    await planner.getByLabel('شاخص', { exact: true }).selectOption(fixture.indicatorId);
    await planner.getByLabel('سال', { exact: true }).first().selectOption(String(fixture.year));
    await planner.getByLabel('معابر با آبرو').fill('۳۵');
    await planner.getByLabel('همه معابر').fill('۱۰۰');
    await planner.getByRole('button', { name: 'ثبت اندازه‌گیری' }).click();
    await planner.getByText('ثبت شد؛ وضعیت: در معرض خطر.').waitFor();
    await expectNoSeriousA11yViolations(planner, 'monitoring, measurement');

    // The project's progress: 40 %, now under way.
    await planner.getByRole('tab', { name: 'پروژه‌ها' }).click();
    await planner.getByLabel('پروژه', { exact: true }).selectOption(fixture.projectId);
    await planner.getByLabel('سال', { exact: true }).selectOption(String(fixture.year));
    await planner.getByLabel('پیشرفت (درصد)').fill('۴۰');
    await planner.getByLabel('وضعیت پروژه').selectOption('in_progress');
    await planner.getByRole('button', { name: 'ثبت گزارش' }).click();
    await planner.getByText(/گزارش ثبت شد/).waitFor();
  });

  it("shows the citizen, on their problem, the linked project and its progress", async () => {
    await citizen.goto(`/${SLUG}/problems/${fixture.problemId}`);
    const response = citizen.getByTestId('plan-response');
    await response.getByRole('heading', { name: 'برنامه درباره این مسئله چه می‌کند' }).waitFor();
    await response.getByRole('link', { name: new RegExp(fixture.projectTitle) }).waitFor();
    await response.getByText('در حال اجرا · پیشرفت: ۴۰٪').waitFor();
    await expectNoSeriousA11yViolations(citizen, 'problem page with the plan response');

    // The project page names the demand it answers.
    await response.getByRole('link', { name: new RegExp(fixture.projectTitle) }).click();
    await citizen.getByRole('heading', { name: 'مطالباتی که این پروژه به آن‌ها پاسخ می‌دهد' }).waitFor();
    await citizen.getByText(fixture.groupName).waitFor();
  });

  it('renders the public dashboard with charts in Persian, then in English', async () => {
    const visitor = await newPage(browser);
    await visitor.goto(`/${SLUG}/plans/${fixture.planId}/accountability`);
    await visitor.getByRole('heading', { name: 'مقصدهای راهبردی' }).waitFor();
    expect(await visitor.locator('html').getAttribute('dir')).toBe('rtl');
    // ECharts drew its SVG; the axis labels are written in Persian digits.
    await visitor.locator('[data-testid="accountability-chart"] svg').first().waitFor();
    const labels = await visitor.locator('[data-testid="accountability-chart"] svg text').allTextContents();
    expect(labels.some((text) => PERSIAN_DIGIT.test(text))).toBe(true);
    await visitor.getByRole('link', { name: /اندازه‌گیری‌ها/ }).waitFor();
    await expectNoSeriousA11yViolations(visitor, 'accountability dashboard (fa)');

    const csv = await visitor.request.get(`/api/orgs/${SLUG}/plans/${fixture.planId}/accountability/measurements.csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain(String(fixture.year));

    await visitor.evaluate(() => localStorage.setItem('hm_locale', 'en'));
    await visitor.reload();
    await visitor.getByRole('heading', { name: 'Strategic goals' }).waitFor();
    expect(await visitor.locator('html').getAttribute('dir')).toBe('ltr');
    await visitor.locator('[data-testid="accountability-chart"] svg').first().waitFor();
    await expectNoSeriousA11yViolations(visitor, 'accountability dashboard (en)');
    await visitor.close();
  });
});

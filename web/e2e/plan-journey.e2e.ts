import type { Browser, Page } from 'playwright-core';
import type { TActivity, TDemandGroup, TDemandPage, TProblem, TStage, TStrategyStructure, TThemeTree } from '@hamandishi/contracts';
import { jalaliYear } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';
import { createDraftPlan, importPlanWorkbook, planWorkbook } from './support/strategy';
import { csrfOf } from './support/surveys';

// Issue 14's journey, end to end and in Persian: a planner imports the plan's structure, links the
// demand group that holds a citizen's problem to a project and enters a measurement and progress;
// the citizen then finds, on their problem, the project and its progress; the public reads the
// dashboard. Everything happens in a fresh plan, so the run neither depends on nor disturbs the
// demo plan's structure. The citizen's problem is posted through the API (the map form has its own
// e2e); its demand is made by the database trigger, as in production.

const PLANNER = 'planner@demo.hamandishi.ir';
const PERSIAN_DIGIT = /[۰-۹]/;

const today = (offsetDays = 0) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function post<T>(page: Page, path: string, data: unknown): Promise<T> {
  const response = await page.request.post(path, { headers: { 'x-csrf-token': await csrfOf(page) }, data });
  if (response.status() !== 201) throw new Error(`POST ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function get<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(path);
  if (response.status() !== 200) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the plan journey: import, link a demand group, measure; the citizen sees the answer; the public dashboard', () => {
  let browser: Browser;
  let planner: Page;
  let citizen: Page;
  let planId: string;
  let problemId: string;
  let projectId: string;
  let indicatorId: string;
  const tag = Math.random().toString(36).slice(2, 7);
  const groupName = `کمبود فضای سبز محله ${tag}`;
  const year = jalaliYear(new Date(), 'Asia/Tehran');

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
    citizen = await newPage(browser);
    await signUpCitizen(citizen, `شهروند سفر برنامه ${tag}`);

    // A fresh plan with an open problem collection.
    planId = await createDraftPlan(planner, `برنامه سفر شهروند ${tag}`);
    const stage = await post<TStage>(planner, `/api/orgs/${SLUG}/plans/${planId}/stages`, {
      title: { fa: 'شناخت' },
      startsOn: today(-1),
      endsOn: today(60),
    });
    const activity = await post<TActivity>(planner, `/api/orgs/${SLUG}/stages/${stage.id}/activities`, {
      type: 'problem_collection',
      title: { fa: 'ثبت مسائل محله' },
    });
    const { themes } = await get<TThemeTree>(planner, `/api/orgs/${SLUG}/themes`);

    // The citizen reports a problem; the trigger turns it into a demand of the plan.
    const problem = await post<TProblem>(citizen, `/api/orgs/${SLUG}/activities/${activity.id}/problems`, {
      title: `نبود بوستان در محله ${tag}`,
      description: 'در محله ما هیچ بوستان یا فضای سبزی برای بازی بچه‌ها نیست.',
      themeId: themes.find((t) => !t.parentId)?.id ?? themes[0].id,
      location: { lat: 32.65, lng: 51.67 },
    });
    problemId = problem.id;
    const demands = await get<TDemandPage>(planner, `/api/orgs/${SLUG}/demands?planId=${planId}&sourceKinds=problem`);
    const demand = demands.items.find((d) => d.sourceId === problemId);
    expect(demand).toBeDefined();
    await post<TDemandGroup>(planner, `/api/orgs/${SLUG}/demands/groups`, { planId, name: groupName, demandIds: [demand!.id] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lets a planner import the plan workbook, link the demand group to a project and enter a measurement (Persian, RTL)', async () => {
    await importPlanWorkbook(planner, planId, await planWorkbook());
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    const structure = await get<TStrategyStructure>(planner, `/api/orgs/${SLUG}/plans/${planId}/strategy`);
    projectId = structure.projects.find((p) => p.code === 'P001')!.id;
    indicatorId = structure.indicators.find((i) => i.code === 'I1')!.id;

    await planner.goto(`/${SLUG}/manage/plans/${planId}/monitoring`);
    await planner.getByRole('heading', { level: 1, name: 'پایش برنامه' }).waitFor();

    await planner.getByRole('tab', { name: 'پیوند با مطالبات' }).click();
    await planner.getByLabel('پروژه', { exact: true }).selectOption(projectId);
    await planner.getByRole('searchbox', { name: 'جست‌وجوی مطالبات' }).fill('فضای سبز');
    await planner.getByRole('button', { name: 'جست‌وجو' }).click();
    const group = planner.getByTestId('candidate-group').filter({ hasText: groupName });
    await group.getByRole('button', { name: 'پیوند به پروژه' }).click();
    await planner.getByText('پیوند برقرار شد.').waitFor();
    await expectNoSeriousA11yViolations(planner, 'plan journey: monitoring links');

    // I1 = (served / total) × 100, typed in Persian digits.
    await planner.getByRole('tab', { name: 'شاخص‌ها' }).click();
    await planner.getByLabel('شاخص', { exact: true }).selectOption(indicatorId);
    await planner.getByLabel('سال', { exact: true }).first().selectOption(String(year));
    await planner.getByLabel('خانوار برخوردار').fill('۳۰');
    await planner.getByLabel('کل خانوار').fill('۱۰۰');
    await planner.getByRole('button', { name: 'ثبت اندازه‌گیری' }).click();
    await planner.getByText(/^ثبت شد؛ وضعیت:/).waitFor();

    await planner.getByRole('tab', { name: 'پروژه‌ها' }).click();
    await planner.getByLabel('پروژه', { exact: true }).selectOption(projectId);
    await planner.getByLabel('سال', { exact: true }).selectOption(String(year));
    await planner.getByLabel('پیشرفت (درصد)').fill('۲۵');
    await planner.getByLabel('وضعیت پروژه').selectOption('in_progress');
    await planner.getByRole('button', { name: 'ثبت گزارش' }).click();
    await planner.getByText(/گزارش ثبت شد/).waitFor();
    await expectNoSeriousA11yViolations(planner, 'plan journey: monitoring projects');
  });

  it('shows the citizen, on their problem, the linked project and its progress, and the project page with its comments', async () => {
    await citizen.goto(`/${SLUG}/problems/${problemId}`);
    expect(await citizen.locator('html').getAttribute('dir')).toBe('rtl');
    const response = citizen.getByTestId('plan-response');
    await response.getByRole('heading', { name: 'برنامه درباره این مسئله چه می‌کند' }).waitFor();
    const link = response.getByRole('link', { name: /احداث بوستان محله‌ای/ });
    await link.waitFor();
    await response.getByText('در حال اجرا · پیشرفت: ۲۵٪').waitFor();
    await expectNoSeriousA11yViolations(citizen, 'plan journey: problem page');

    await link.click();
    await citizen.getByRole('heading', { name: 'مطالباتی که این پروژه به آن‌ها پاسخ می‌دهد' }).waitFor();
    await citizen.getByText(groupName).waitFor();
    await citizen.getByRole('heading', { name: /دیدگاه مردم درباره این پروژه/ }).waitFor();
    await expectNoSeriousA11yViolations(citizen, 'plan journey: project page');
  });

  it('renders the public dashboard with charts in Persian digits, and a goal’s comments on demand', async () => {
    const visitor = await newPage(browser);
    await visitor.goto(`/${SLUG}/plans/${planId}/accountability`);
    await visitor.getByRole('heading', { name: 'مقصدهای راهبردی' }).waitFor();
    expect(await visitor.locator('html').getAttribute('dir')).toBe('rtl');
    await visitor.locator('[data-testid="accountability-chart"] svg').first().waitFor();
    const labels = await visitor.locator('[data-testid="accountability-chart"] svg text').allTextContents();
    expect(labels.some((text) => PERSIAN_DIGIT.test(text))).toBe(true);

    await visitor.getByRole('button', { name: /^نمایش دیدگاه‌ها درباره G1 / }).click();
    await visitor.getByRole('heading', { level: 3, name: /^دیدگاه‌ها درباره G1 / }).waitFor();
    await expectNoSeriousA11yViolations(visitor, 'plan journey: accountability dashboard (fa)');
    await visitor.close();

    // The citizen comments on a goal from the dashboard; its toggle counts the comment.
    await citizen.goto(`/${SLUG}/plans/${planId}/accountability`);
    await citizen.getByRole('button', { name: /^نمایش دیدگاه‌ها درباره G1 .*\(۰\)$/ }).click();
    await citizen.getByRole('textbox', { name: 'دیدگاه شما' }).fill('این مقصد برای محله ما مهم است.');
    await citizen.getByRole('button', { name: 'ارسال' }).click();
    await citizen.getByText('این مقصد برای محله ما مهم است.').waitFor();
    await citizen.getByRole('button', { name: /^بستن دیدگاه‌ها درباره G1 .*\(۱\)$/ }).waitFor();
  });
});

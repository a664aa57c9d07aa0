import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const PLANNER = 'planner@demo.hamandishi.ir';

// The demo municipality has tagged demands (the seed tags most of them): the page shows the
// classifier's card; a retrain ends with a ready model measured on held-out demands, and untagged
// demands get suggestions. ("Not enough tagged demands yet" is covered by the component tests.)
describe('suggested themes: a planner opens the suggestions page and retrains the classifier', () => {
  let browser: Browser;
  let planner: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    await signInWithEmail(planner, PLANNER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('retrains on the demo municipality\'s tagged demands and shows the measured model and its suggestions', async () => {
    await planner.goto(`/${SLUG}/manage/demands/suggestions`);
    await planner.getByRole('heading', { level: 1, name: 'موضوع‌های پیشنهادی مطالبه‌ها' }).waitFor();
    expect(await planner.locator('html').getAttribute('dir')).toBe('rtl');
    await planner.getByText('مطالبه‌های برچسب‌خورده').first().waitFor();
    await expectNoSeriousA11yViolations(planner, 'demand suggestions');

    await planner.getByRole('button', { name: 'آموزش دوباره' }).click();
    await planner.getByText('مدل آماده است').waitFor({ timeout: 90_000 });
    await planner.getByText('دقت (میانگین F1)').waitFor();
    await expectNoSeriousA11yViolations(planner, 'demand suggestions, after a retrain');
  }, 150_000);
});

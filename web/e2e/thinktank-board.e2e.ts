import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';
import { accountIdOf, createBoardSession, ensureMember, inviteWithYes } from './support/board';

const PLANNER = 'planner@demo.hamandishi.ir';

// A live think-tank board in three browser contexts: the facilitator (a planner, Persian) opens it,
// two participants (invited, they said yes; one Persian, one English) post and vote and see each other's changes live, the
// facilitator groups the statements (from the list and by drag and drop) and closes the board.
describe('think-tank live board: two participants and the facilitator', () => {
  let browser: Browser;
  let facilitator: Page;
  let sara: Page;
  let john: Page;
  let boardPath: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    facilitator = await newPage(browser);
    await signInWithEmail(facilitator, PLANNER);
    const sessionId = await createBoardSession(await accountIdOf(facilitator), `جلسه هم‌اندیشی حمل‌ونقل ${Date.now().toString(36)}`);
    boardPath = `/${SLUG}/sessions/${sessionId}/board`;

    sara = await newPage(browser);
    await signUpCitizen(sara, 'سارا');
    await ensureMember(await accountIdOf(sara));
    await inviteWithYes(sessionId, await accountIdOf(sara));
    john = await newPage(browser);
    await signUpCitizen(john, 'جان');
    await ensureMember(await accountIdOf(john));
    await inviteWithYes(sessionId, await accountIdOf(john));
    // John reads the site in English from here on.
    await john.addInitScript(() => window.localStorage.setItem('hm_locale', 'en'));
  });
  afterAll(async () => {
    await browser?.close();
  });

  const card = (page: Page, text: string) => page.getByTestId('statement').filter({ hasText: text });

  it('opens the board, carries posts and votes live, groups statements and closes', async () => {
    await facilitator.goto(boardPath);
    await facilitator.getByTestId('board-status').getByText('آغاز نشده').waitFor();
    expect(await facilitator.locator('html').getAttribute('dir')).toBe('rtl');
    await facilitator.getByRole('button', { name: 'باز کردن تابلو' }).click();
    await facilitator.getByTestId('board-status').getByText('باز').waitFor();

    await sara.goto(boardPath);
    await sara.getByTestId('board-status').getByText('باز').waitFor();
    await john.goto(boardPath);
    await john.getByTestId('board-status').getByText('Open').waitFor();
    expect(await john.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);

    // Sara posts in Persian; John sees it at once, and the other way round.
    await sara.getByLabel('گزاره شما').fill('خطوط اتوبوس شبانه لازم است');
    await sara.getByRole('button', { name: 'فرستادن' }).click();
    await card(john, 'خطوط اتوبوس شبانه لازم است').waitFor();
    await john.getByLabel('Your statement').fill('More protected bike lanes');
    await john.getByRole('button', { name: 'Post' }).click();
    await card(sara, 'More protected bike lanes').waitFor();
    await card(facilitator, 'More protected bike lanes').waitFor();

    // John up-votes Sara's statement: Sara sees the count move.
    await card(john, 'خطوط اتوبوس شبانه لازم است').getByRole('button', { name: /up-votes/ }).click();
    await card(sara, 'خطوط اتوبوس شبانه لازم است').getByRole('button', { name: /^۱ رأی موافق/ }).waitFor();
    // Sara agrees with John's statement; her choice is kept pressed.
    const agree = card(sara, 'More protected bike lanes').getByRole('button', { name: 'موافقم' });
    await agree.click();
    await card(sara, 'More protected bike lanes').locator('button[aria-pressed="true"]', { hasText: 'موافقم' }).waitFor();

    await expectNoSeriousA11yViolations(sara, 'live board, participant, Persian');
    await expectNoSeriousA11yViolations(john, 'live board, participant, English');

    // The facilitator makes a group and puts one statement in it from the list (keyboard-friendly)…
    await facilitator.getByLabel('گروه تازه').fill('حمل‌ونقل');
    await facilitator.getByRole('button', { name: 'افزودن گروه' }).click();
    const group = (page: Page, name: string) => page.getByTestId('cluster').filter({ has: page.getByRole('heading', { name: new RegExp(`^${name} `) }) });
    await group(facilitator, 'حمل‌ونقل').waitFor();
    await card(facilitator, 'خطوط اتوبوس شبانه لازم است').getByLabel('گروه').selectOption({ label: 'حمل‌ونقل' });
    await group(sara, 'حمل‌ونقل').getByText('خطوط اتوبوس شبانه لازم است').waitFor();
    // …and drags the other one onto it.
    // (HTML drag and drop, dispatched as the browser would: dragstart on the card, dragover and drop on the group.)
    const dataTransfer = await facilitator.evaluateHandle(() => new DataTransfer());
    await card(facilitator, 'More protected bike lanes').dispatchEvent('dragstart', { dataTransfer });
    await group(facilitator, 'حمل‌ونقل').dispatchEvent('dragover', { dataTransfer });
    await group(facilitator, 'حمل‌ونقل').dispatchEvent('drop', { dataTransfer });
    await group(facilitator, 'حمل‌ونقل').getByText('More protected bike lanes').waitFor();
    await group(john, 'حمل‌ونقل').getByText('More protected bike lanes').waitFor();
    await expectNoSeriousA11yViolations(facilitator, 'live board, facilitator, Persian');

    // Closing the board stops posting for everyone at once.
    await facilitator.getByRole('button', { name: 'بستن تابلو' }).click();
    await sara.getByTestId('board-status').getByText('بسته').waitFor();
    await john.getByTestId('board-status').getByText('Closed').waitFor();
    expect(await sara.getByLabel('گزاره شما').isDisabled()).toBe(true);
    await sara.getByText('تابلو بسته شده است؛ دیگر نمی‌توان چیزی فرستاد.').waitFor();

    // The presentation view shows the same board for a projector.
    await facilitator.goto(`${boardPath}/present`);
    await facilitator.getByTestId('present').getByText('More protected bike lanes').waitFor();
    await expectNoSeriousA11yViolations(facilitator, 'live board, presentation view');
  });
});

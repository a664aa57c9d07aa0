import type { Browser, Locator, Page } from 'playwright-core';
import type { TActivity, TPlan, TPlanSummary } from '@hamandishi/contracts';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { buildDocx } from './support/docx';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';

const PLANNER = 'planner@demo.hamandishi.ir';
const NGO = 'ngo@demo.hamandishi.ir';
const NGO_NAME = 'انجمن دوستداران زاینده‌رود';
const CITIZEN_NAME = 'نرگس شهروند';

// The report: a heading and three paragraphs, with zero-width non-joiners as Persian writes them.
const FIRST = 'شهروندان می‌خواهند فضای سبز بیشتری در محله‌های قدیمی ساخته شود.';
const SECOND = 'حمل‌ونقل عمومی باید تا سال ۱۴۱۰ دو برابر شود.';
const SECOND_REVISED = 'حمل‌ونقل عمومی باید تا سال ۱۴۱۰ سه برابر شود و به همهٔ محله‌ها برسد.';
const THIRD = 'پیاده‌راه چهارباغ تا میدان نقش جهان گسترش یابد.';
const PASSAGE = 'فضای سبز بیشتری در محله‌های قدیمی';
const AMENDED = 'شهروندان می‌خواهند فضای سبز بیشتری در محله‌های قدیمی و کنار زاینده‌رود ساخته شود.';

/** A fresh consultation activity in the demo plan's open stage (so every run starts with no edition). */
async function createConsultation(
  page: Page,
  title: string,
): Promise<{ planId: string; stageId: string; activityId: string }> {
  const plans = (await (await page.request.get(`/api/orgs/${SLUG}/plans`)).json()) as TPlanSummary[];
  for (const summary of plans) {
    const plan = (await (await page.request.get(`/api/orgs/${SLUG}/plans/${summary.id}`)).json()) as TPlan;
    const stage = plan.stages.find((s) => s.status === 'open' && s.activities.some((a) => a.type === 'consultation'));
    if (!stage) continue;
    const csrf = (await page.context().cookies()).find((c) => c.name === 'hm_csrf')?.value ?? '';
    const response = await page.request.post(`/api/orgs/${SLUG}/stages/${stage.id}/activities`, {
      headers: { 'x-csrf-token': csrf },
      data: { type: 'consultation', title: { fa: title } },
    });
    expect(response.status()).toBe(201);
    const activity = (await response.json()) as TActivity;
    return { planId: plan.id, stageId: stage.id, activityId: activity.id };
  }
  throw new Error('no open stage with a consultation in the demo plan');
}

/** Selects `passage` inside the paragraph whose text is `text`, as a reader's mouse would. */
async function selectPassage(page: Page, text: string, passage: string): Promise<void> {
  await page.evaluate(
    ([blockText, quote]) => {
      const element = Array.from(document.querySelectorAll<HTMLElement>('[data-block-text]')).find(
        (e) => e.textContent === blockText,
      );
      const node = element?.firstChild;
      if (!element || !node) throw new Error('block not found');
      const start = blockText.indexOf(quote);
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + quote.length);
      const selection = document.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    },
    [text, passage] as const,
  );
}

/** The editor's textarea whose current value is `value` (a controlled textarea has no text content to match). */
async function textareaWithValue(page: Page, value: string) {
  const areas = page.locator('textarea');
  const values = await areas.evaluateAll((elements) => elements.map((e) => (e as HTMLTextAreaElement).value));
  const index = values.indexOf(value);
  if (index < 0) throw new Error(`no textarea holds: ${value}`);
  return areas.nth(index);
}

/** Opens a <details> unless it is open already. */
async function unfold(details: Locator): Promise<void> {
  if (!(await details.evaluate((element) => (element as HTMLDetailsElement).open)))
    await details.locator('summary').click();
}

/** The reading view's block holding `text`. */
function block(page: Page, text: string) {
  return page.getByTestId('document-block').filter({ has: page.locator('[data-block-text]', { hasText: text }) });
}

describe('consultations: a stage report is read and commented paragraph by paragraph, across editions', () => {
  let browser: Browser;
  let planner: Page;
  let citizen: Page;
  let ngo: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    planner = await newPage(browser);
    citizen = await newPage(browser);
    ngo = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports a .docx, takes a passage comment and a reply, publishes edition 2 and tells the citizen the comment was incorporated', async () => {
    const stamp = Date.now().toString(36);
    const title = `نظرخواهی گزارش شناخت ${stamp}`;

    // The planner imports the report from Word and publishes edition 1.
    await signInWithEmail(planner, PLANNER);
    const { planId, stageId, activityId } = await createConsultation(planner, title);
    const reading = `/${SLUG}/consultations/${activityId}`;
    await planner.goto(`/${SLUG}/plans/${planId}/stages/${stageId}`);
    const card = planner.locator('li.card').filter({ has: planner.getByRole('heading', { name: title }) });
    await card.getByRole('link', { name: 'مدیریت سند و گزارش' }).click();
    await planner.waitForURL(`**/manage/consultations/${activityId}`);
    await planner.getByRole('heading', { level: 1, name: `مدیریت ${title}` }).waitFor();
    // A file that only pretends to be a .docx is refused, with the reason in Persian.
    await planner.getByLabel('پروندهٔ docx.').setInputFiles({
      name: 'not-a-report.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from('this is not a zip archive'),
    });
    await planner.getByRole('button', { name: 'بارگذاری و تبدیل' }).click();
    await planner.getByText('این نوع پرونده پذیرفته نیست؛ فقط PDF، Word و تصویر (PNG، JPEG، WebP).').waitFor();
    const docx = buildDocx([{ heading: 'وضع موجود' }, FIRST, SECOND, { heading: 'خواسته‌ها' }, THIRD]);
    await planner.getByLabel('پروندهٔ docx.').setInputFiles({
      name: 'gozaresh-shenakht.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: docx,
    });
    await planner.getByRole('button', { name: 'بارگذاری و تبدیل' }).click();
    await planner.getByRole('heading', { name: 'پیش‌نویس ویراست ۱' }).waitFor();
    await textareaWithValue(planner, FIRST);
    await expectNoSeriousA11yViolations(planner, `/${SLUG}/manage/consultations/:activityId`);
    await planner.getByRole('button', { name: 'انتشار', exact: true }).click();
    await planner
      .getByRole('dialog', { name: 'ویراست ۱ منتشر شود؟' })
      .getByRole('button', { name: 'انتشار ویراست' })
      .click();
    await planner.getByText('ویراست منتشر شد.').first().waitFor();

    // A citizen reads it in Persian, right to left, and comments on a passage of the first paragraph.
    await signUpCitizen(citizen, CITIZEN_NAME);
    await citizen.goto(reading);
    await citizen.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await citizen.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fa',
      'rtl',
    ]);
    // On a phone the table of contents is folded until asked for.
    await citizen.locator('summary', { hasText: 'فهرست مطالب' }).click();
    await citizen.getByRole('navigation', { name: 'فهرست مطالب' }).getByRole('link', { name: 'وضع موجود' }).waitFor();
    await block(citizen, FIRST).waitFor();
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/consultations/:activityId`);
    await selectPassage(citizen, FIRST, PASSAGE);
    await citizen.getByRole('button', { name: 'دیدگاه دربارهٔ این بخش' }).click();
    const panel = citizen.getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' });
    await panel.locator('.comment-form__passage blockquote', { hasText: PASSAGE }).waitFor();
    await panel.getByRole('textbox', { name: 'دیدگاه شما دربارهٔ این بخش' }).fill('فضای سبز باید کنار رودخانه هم باشد.');
    await panel.getByRole('button', { name: 'موافق' }).click();
    await panel.getByRole('button', { name: 'ارسال' }).click();
    const citizenComment = panel.locator('li.comment').filter({ hasText: 'فضای سبز باید کنار رودخانه هم باشد.' });
    await citizenComment.locator('blockquote', { hasText: PASSAGE }).waitFor();
    await block(citizen, FIRST).getByRole('button', { name: 'دیدگاه‌ها و پیشنهادهای این بند: ۱' }).waitFor();
    await expectNoSeriousA11yViolations(citizen, `/${SLUG}/consultations/:activityId (discussion)`);

    // An NGO replies in the paragraph's thread.
    await signInWithEmail(ngo, NGO);
    await ngo.goto(reading);
    await block(ngo, FIRST)
      .getByRole('button', { name: /دیدگاه‌ها و پیشنهادهای این بند/ })
      .click();
    const ngoPanel = ngo.getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' });
    const thread = ngoPanel.locator('li.comment').filter({ hasText: 'فضای سبز باید کنار رودخانه هم باشد.' });
    await thread.getByRole('button', { name: 'پاسخ' }).first().click();
    await thread.getByRole('textbox', { name: `پاسخ به ${CITIZEN_NAME}` }).fill('انجمن ما هم همین را پیشنهاد می‌کند.');
    await thread.getByRole('button', { name: 'ارسال' }).click();
    await thread.locator('li.comment[data-depth="1"]', { hasText: 'انجمن ما هم همین را پیشنهاد می‌کند.' }).waitFor();
    await thread.getByText(NGO_NAME).first().waitFor();

    // The NGO proposes a rewording of the paragraph; the citizen supports it.
    await ngoPanel.locator('summary', { hasText: 'پیشنهاد بازنویسی این بند' }).click();
    await ngoPanel.getByRole('textbox', { name: 'متن پیشنهادی' }).fill(AMENDED);
    await ngoPanel.getByRole('button', { name: 'ثبت پیشنهاد' }).click();
    await ngoPanel
      .locator('.c-amendment', { hasText: AMENDED })
      .getByRole('button', { name: 'پشتیبانی (۰)' })
      .waitFor();
    await citizen.goto(reading);
    await block(citizen, FIRST)
      .getByRole('button', { name: /دیدگاه‌ها و پیشنهادهای این بند/ })
      .click();
    const amendment = citizen.locator('.c-amendment', { hasText: AMENDED });
    await amendment.getByRole('button', { name: 'پشتیبانی (۰)' }).click();
    await amendment.locator('button[aria-pressed="true"]', { hasText: 'پشتیبانی (۱)' }).waitFor();

    // The planner's report counts the paragraph's comments and offers the spreadsheets.
    await planner.goto(`/${SLUG}/manage/consultations/${activityId}`);
    await planner.getByRole('tab', { name: 'گزارش نظرخواهی' }).click();
    await planner.getByRole('heading', { name: /^گزارش ویراست ۱/ }).waitFor();
    const csv = planner.getByRole('link', { name: 'دریافت CSV' });
    expect(await csv.getAttribute('href')).toBe(
      `/api/orgs/${SLUG}/consultations/${activityId}/report.csv?edition=1&lang=fa`,
    );
    await planner.getByRole('heading', { name: 'پرطرفدارترین پیشنهادهای بازنویسی' }).waitFor();
    await planner.locator('.c-report').getByText(AMENDED).waitFor();
    await expectNoSeriousA11yViolations(planner, `/${SLUG}/manage/consultations/:activityId (report)`);
    await planner.getByRole('tab', { name: 'ویراست‌ها' }).click();

    // The planner writes edition 2 from a copy of edition 1, rewording the second paragraph, and publishes it.
    await planner.goto(`/${SLUG}/manage/consultations/${activityId}`);
    await planner.getByRole('button', { name: 'ساخت ویراست تازه' }).click();
    await planner.getByRole('heading', { name: 'پیش‌نویس ویراست ۲' }).waitFor();
    await (await textareaWithValue(planner, SECOND)).fill(SECOND_REVISED);
    await planner
      .getByRole('textbox', { name: 'خلاصهٔ تغییرها نسبت به ویراست پیشین' })
      .fill('هدف حمل‌ونقل عمومی بلندپروازانه‌تر شد.');
    await planner.getByRole('button', { name: 'ذخیرهٔ پیش‌نویس' }).click();
    await planner.getByText('پیش‌نویس ذخیره شد.').first().waitFor();
    await planner.getByRole('button', { name: 'انتشار', exact: true }).click();
    await planner
      .getByRole('dialog', { name: 'ویراست ۲ منتشر شود؟' })
      .getByRole('button', { name: 'انتشار ویراست' })
      .click();
    await planner.getByText('ویراست منتشر شد.').first().waitFor();

    // In edition 2 the first paragraph carries its edition-1 thread; the planner marks the citizen's comment incorporated.
    await planner.goto(reading);
    await block(planner, SECOND_REVISED).getByText('تغییرکرده').waitFor();
    await block(planner, FIRST)
      .getByRole('button', { name: /دیدگاه‌ها و پیشنهادهای این بند/ })
      .click();
    const plannerPanel = planner.getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' });
    await unfold(plannerPanel.locator('details', { hasText: 'دیدگاه‌ها روی ویراست ۱' }));
    const carried = plannerPanel
      .locator('li.comment[data-depth="0"]')
      .filter({ hasText: 'فضای سبز باید کنار رودخانه هم باشد.' });
    await carried.getByRole('button', { name: 'نتیجهٔ بررسی' }).click();
    const dialog = planner.getByRole('dialog', { name: 'نتیجهٔ بررسی این دیدگاه' });
    await dialog.getByRole('radio', { name: 'در ویراست بعدی اعمال شد' }).check();
    await dialog.getByRole('textbox', { name: 'دلیل' }).fill('فضای سبز کنار زاینده‌رود به بند نخست افزوده می‌شود.');
    await dialog.getByRole('button', { name: 'ثبت نتیجه' }).click();
    await carried.getByText('در ویراست بعدی اعمال شد').waitFor();

    // The "what changed" page shows the reworded paragraph with its insertions and deletions.
    await planner.getByRole('link', { name: 'چه چیزهایی تغییر کرد؟' }).click();
    await planner.waitForURL(`**/consultations/${activityId}/diff?from=1&to=2`);
    await planner.locator('[data-change="modified"] del', { hasText: 'دو' }).waitFor();
    await planner.locator('[data-change="modified"] ins', { hasText: 'سه' }).first().waitFor();
    await expectNoSeriousA11yViolations(planner, `/${SLUG}/consultations/:activityId/diff`);

    // The citizen sees the outcome on the carried comment, and in the bell.
    await citizen.goto(reading);
    await block(citizen, FIRST)
      .getByRole('button', { name: /دیدگاه‌ها و پیشنهادهای این بند/ })
      .click();
    const citizenPanel = citizen.getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' });
    await unfold(citizenPanel.locator('details', { hasText: 'دیدگاه‌ها روی ویراست ۱' }));
    const outcome = citizenPanel
      .locator('li.comment')
      .filter({ hasText: 'فضای سبز باید کنار رودخانه هم باشد.' })
      .locator('.comment__outcome');
    await outcome.getByText('در ویراست بعدی اعمال شد').waitFor();
    await outcome.getByText('دلیل: فضای سبز کنار زاینده‌رود به بند نخست افزوده می‌شود.').waitFor();
    await citizen.getByRole('button', { name: /^اعلان‌ها، [۰-۹]+ خوانده‌نشده/ }).click();
    await citizen
      .getByRole('menuitem', {
        name: new RegExp(`نتیجهٔ بررسی دیدگاه شما .* در نظرخواهی «${title}»: در ویراست بعدی اعمال شد`),
      })
      .click();
    // The notification links to the paragraph in the latest edition: its discussion opens, the carried thread unfolded.
    await citizen.waitForURL(new RegExp(`/consultations/${activityId}\\?edition=2#p-`));
    await citizen
      .getByRole('complementary', { name: 'گفت‌وگو دربارهٔ این بند' })
      .locator('.comment__outcome', { hasText: 'در ویراست بعدی اعمال شد' })
      .waitFor();
  });

  it('renders the reading view left to right in English', async () => {
    const page = await newPage(browser);
    await page.addInitScript(() => window.localStorage.setItem('hm_locale', 'en'));
    await signInWithEmail(planner, PLANNER);
    const { activityId } = await createConsultation(planner, `English check ${Date.now().toString(36)}`);
    await planner.goto(`/${SLUG}/manage/consultations/${activityId}`);
    await planner.getByRole('button', { name: 'ساخت ویراست تازه' }).click();
    await planner.getByRole('heading', { name: 'پیش‌نویس ویراست ۱' }).waitFor();
    await planner.getByRole('button', { name: 'انتشار', exact: true }).click();
    await planner.getByRole('dialog').getByRole('button', { name: 'انتشار ویراست' }).click();
    await planner.getByText('ویراست منتشر شد.').first().waitFor();

    await page.goto(`/${SLUG}/consultations/${activityId}`);
    await page.locator('summary', { hasText: 'Contents' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'en',
      'ltr',
    ]);
    await page.getByRole('heading', { name: 'Comments on the whole document' }).waitFor();
    await expectNoSeriousA11yViolations(page, `/${SLUG}/consultations/:activityId (en)`);
  });
});

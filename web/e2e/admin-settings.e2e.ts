import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, signUpCitizen, SLUG } from './support/accounts';

const ADMIN_EMAIL = 'admin@demo.hamandishi.ir';

describe('administration: settings, pages and members (fa, RTL)', () => {
  let browser: Browser;
  let admin: Page;
  let citizen: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await newPage(browser);
    citizen = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the admin writes the welcome and the about page, and everyone sees them', async () => {
    const stamp = Date.now().toString(36);
    const welcome = `به برنامه‌ریزی مشارکتی اصفهان خوش آمدید ${stamp}`;
    const about = `این برنامه پنج‌ساله با مشارکت شهروندان نوشته می‌شود ${stamp}`;

    await signInWithEmail(admin, ADMIN_EMAIL);
    await admin.goto(`/${SLUG}/admin/settings`);
    await admin.getByRole('heading', { level: 1, name: 'تنظیمات و صفحه‌ها' }).waitFor();
    expect(await admin.locator('html').getAttribute('dir')).toBe('rtl');
    await expectNoSeriousA11yViolations(admin, 'admin settings');

    // A colour too pale for white text is explained under the field, live
    const primary = admin.getByRole('textbox', { name: 'رنگ اصلی' });
    await primary.fill('#ffcc00');
    await admin.getByText(/کمتر از ۴٫۵ است/).waitFor();
    await primary.fill('#0f766e');
    await admin.getByText(/\(خوانا\)/).first().waitFor();

    await admin.getByRole('textbox', { name: 'خوشامد صفحهٔ نخست به فارسی' }).fill(`**${welcome}**`);
    // the markdown preview renders it
    await admin.locator('.admin-preview strong', { hasText: welcome }).waitFor();
    await admin.getByRole('tab', { name: 'دربارهٔ این برنامه' }).click();
    await admin.getByRole('textbox', { name: 'دربارهٔ این برنامه به فارسی' }).fill(`${about}\n\n- شفافیت\n- مشارکت`);
    await admin.getByRole('button', { name: 'ذخیرهٔ تنظیمات' }).click();
    await admin.getByText('تغییرات ذخیره شد.', { exact: true }).waitFor();

    // the public pages, for a visitor who is not signed in
    await citizen.goto(`/${SLUG}/about`);
    await citizen.getByRole('heading', { level: 1, name: 'دربارهٔ این برنامه' }).waitFor();
    await citizen.getByText(about).waitFor();
    await citizen.getByRole('listitem').filter({ hasText: 'شفافیت' }).waitFor();
    await expectNoSeriousA11yViolations(citizen, 'about page');
    await citizen.goto(`/${SLUG}`);
    await citizen.getByText(welcome).waitFor();
    // linked from the footer
    await citizen.getByRole('contentinfo').getByRole('link', { name: 'حریم خصوصی' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'حریم خصوصی' }).waitFor();
  });

  it('finds a member typed with Arabic ي and ك, and makes them a planner', async () => {
    const stamp = Date.now().toString(36);
    const name = `کیوان یزدی ${stamp}`;
    await signUpCitizen(citizen, name);

    await signInWithEmail(admin, ADMIN_EMAIL);
    await admin.goto(`/${SLUG}/admin/members`);
    await admin.getByRole('heading', { level: 1, name: 'اعضا' }).waitFor();
    await expectNoSeriousA11yViolations(admin, 'admin members');

    // Arabic yeh (ي) and kaf (ك), as an Arabic keyboard types them
    await admin.getByRole('searchbox', { name: 'جست‌وجو' }).fill(`كيوان يزدي ${stamp}`);
    // the list narrows to the one member (the search waits for a pause in typing)
    await admin.waitForFunction(() => document.querySelectorAll('.table tbody tr').length === 1);
    const row = admin.getByRole('row').filter({ hasText: name });
    await row.waitFor();

    await row.getByRole('button', { name: /تغییر نقش/ }).click();
    const dialog = admin.getByRole('dialog', { name: `نقش‌های ${name}` });
    await dialog.waitFor();
    await dialog.getByRole('checkbox', { name: 'برنامه‌ریز' }).check();
    await expectNoSeriousA11yViolations(admin, 'roles dialog');
    await dialog.getByRole('button', { name: 'ذخیره' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByRole('cell', { name: /برنامه‌ریز/ }).waitFor();

    // the member's own session now carries the role
    const session = (await (await citizen.request.get('/api/auth/session')).json()) as {
      memberships: { organizationSlug: string; roles: string[] }[];
    };
    expect(session.memberships.find((m) => m.organizationSlug === SLUG)?.roles).toContain('planner');
  });
});

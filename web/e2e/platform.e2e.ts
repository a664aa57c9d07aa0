import type { Browser, Page } from 'playwright-core';
import { toPersianDigits } from '@hamandishi/text';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { randomMobile, signInWithEmail } from './support/accounts';
import { invitationPathSentTo, readOutbox, waitForCode } from './support/outbox';

const SUPERADMIN = 'superadmin@demo.hamandishi.ir';

describe('platform: a superadmin creates «همدان», its invited admin accepts and invites a planner', () => {
  let browser: Browser;
  let root: Page;
  let admin: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    root = await newPage(browser);
    admin = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('creates the municipality, the admin signs up from the link, accepts, and invites a planner', async () => {
    const slug = `hamedan-${Date.now().toString(36)}`;
    const adminMobile = randomMobile();
    const plannerMobile = randomMobile();

    // The superadmin opens the platform administration from the account menu.
    await signInWithEmail(root, SUPERADMIN);
    await root.getByRole('button', { name: /راهبر سکو/ }).click();
    await root.getByRole('menuitem', { name: 'مدیریت سامانه' }).click();
    await root.waitForURL('**/platform');
    await root.getByRole('heading', { level: 1, name: 'مدیریت سامانه' }).waitFor();
    await expectNoSeriousA11yViolations(root, '/platform');

    // A taken slug is refused on its field.
    const form = root.locator('form').filter({ has: root.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }) });
    await form.getByRole('textbox', { name: 'نشانی (slug)' }).fill('isfahan');
    await form.getByRole('group', { name: 'نام شهرداری' }).getByRole('textbox', { name: 'فارسی' }).fill('همدان');
    await form.getByRole('textbox', { name: 'شماره همراه یا ایمیل نخستین مدیر' }).fill(adminMobile.local);
    await form.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }).click();
    await form.getByText('این نشانی (slug) را شهرداری دیگری دارد؛ نشانی دیگری برگزینید.').waitFor();

    // Then created for real, the map centre typed in Persian digits.
    await form.getByRole('textbox', { name: 'نشانی (slug)' }).fill(slug);
    await form.getByRole('group', { name: 'نام شهرداری' }).getByRole('textbox', { name: 'انگلیسی' }).fill('Hamedan');
    await form.getByRole('textbox', { name: 'عرض جغرافیایی' }).fill(toPersianDigits('34.7989'));
    await form.getByRole('textbox', { name: 'طول جغرافیایی' }).fill(toPersianDigits('48.5146'));
    await form.getByRole('button', { name: 'ساختن و فرستادن دعوت‌نامه' }).click();
    await root.getByText('شهرداری «همدان» ساخته شد و دعوت‌نامه مدیرش فرستاده شد.', { exact: true }).first().waitFor();
    const row = root.getByRole('row').filter({ hasText: slug });
    await row.waitFor();
    expect(await row.textContent()).toContain('فعال');

    // Renamed in the edit dialog.
    await row.getByRole('button', { name: 'ویرایش همدان' }).click();
    const edit = root.getByRole('dialog', { name: 'ویرایش «همدان»' });
    await edit.waitFor();
    await expectNoSeriousA11yViolations(root, '/platform edit dialog');
    await edit.getByRole('group', { name: 'نام شهرداری' }).getByRole('textbox', { name: 'انگلیسی' }).fill('Hamedan Municipality');
    await edit.getByRole('button', { name: 'ذخیره' }).click();
    await root.getByText('تغییرها ذخیره شد.', { exact: true }).first().waitFor();
    await edit.waitFor({ state: 'detached' });

    // The admin opens the link from the SMS, has no account yet, signs up with the code, and comes back.
    const link = await invitationPathSentTo(root, adminMobile.e164);
    expect(link.startsWith(`/${slug}/invitations/`)).toBe(true);
    await admin.goto(link);
    await admin.getByRole('heading', { level: 1, name: 'دعوت‌نامه' }).waitFor();
    await admin.getByText('شما به «همدان» دعوت شده‌اید تا با این نقش‌ها همکاری کنید:').waitFor();
    await admin.getByText('مدیر شهرداری').waitFor();
    await expectNoSeriousA11yViolations(admin, '/:slug/invitations/:token');
    await admin.getByRole('link', { name: 'ثبت‌نام با همین شماره' }).click();
    await admin.getByRole('textbox', { name: 'شماره همراه' }).fill(adminMobile.local);
    await admin.getByLabel('نام نمایشی').fill('مدیر همدان');
    const seen = (await readOutbox(admin.request, adminMobile.e164)).length;
    await admin.getByRole('button', { name: 'دریافت کد' }).click();
    const { code } = await waitForCode(admin.request, adminMobile.e164, seen);
    await admin.getByLabel('کد یکبار مصرف').fill(code);
    await admin.getByRole('button', { name: 'تأیید و ثبت‌نام' }).click();
    await admin.waitForURL(`**${link}`);
    await admin.getByRole('button', { name: 'می‌پذیرم' }).click();

    // Accepted: straight into the administration area.
    await admin.waitForURL(`**/${slug}/admin`);
    await admin.getByRole('heading', { level: 1, name: 'مدیریت شهرداری' }).waitFor();

    // The admin invites a planner.
    await admin.getByRole('navigation', { name: 'مدیریت شهرداری' }).getByRole('link', { name: 'دعوت‌نامه‌ها' }).click();
    await admin.waitForURL(`**/${slug}/admin/invitations`);
    await admin.getByRole('heading', { level: 1, name: 'دعوت‌نامه‌ها' }).waitFor();
    await expectNoSeriousA11yViolations(admin, '/:slug/admin/invitations');
    await admin.getByRole('textbox', { name: 'شماره همراه یا ایمیل' }).fill(toPersianDigits(plannerMobile.local));
    await admin.getByRole('checkbox', { name: 'کارشناس برنامه‌ریزی' }).check();
    await admin.getByRole('button', { name: 'فرستادن دعوت‌نامه' }).click();
    await admin.getByText('دعوت‌نامه فرستاده شد.', { exact: true }).first().waitFor();
    const invited = admin.getByRole('row').filter({ hasText: plannerMobile.e164 });
    await invited.waitFor();
    expect(await invited.textContent()).toContain('در انتظار');
    expect(await invitationPathSentTo(admin, plannerMobile.e164)).toMatch(new RegExp(`^/${slug}/invitations/`));
    await expectNoSeriousA11yViolations(admin, '/:slug/admin/invitations with a pending invitation');

    // The superadmin suspends the municipality (with a confirmation): its pages say so.
    await root.reload();
    await row.getByRole('button', { name: 'تعلیق همدان' }).click();
    const dialog = root.getByRole('dialog', { name: 'تعلیق «همدان»؟' });
    await dialog.waitFor();
    await expectNoSeriousA11yViolations(root, '/platform suspend dialog');
    await dialog.getByRole('button', { name: 'تعلیق شود' }).click();
    await root.getByText('شهرداری معلق شد.', { exact: true }).first().waitFor();
    await admin.goto(`/${slug}`);
    await admin.getByText(/این شهرداری معلق شده است/).waitFor();
    await expectNoSeriousA11yViolations(admin, '/:slug suspended');
  });
});

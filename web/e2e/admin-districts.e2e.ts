import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expectNoSeriousA11yViolations } from './support/axe';
import { launchBrowser, newPage } from './support/browser';
import { signInWithEmail, SLUG } from './support/accounts';

const ADMIN = 'admin@demo.hamandishi.ir';
// The demo's fifteen districts, and the same file with district 1 pushed over district 2.
const GOOD = join(__dirname, 'fixtures', 'isfahan-districts.geojson');
const OVERLAPPING = join(__dirname, 'fixtures', 'isfahan-districts-overlapping.geojson');

describe('admin: districts of Isfahan from a GeoJSON file, and a district population', () => {
  let browser: Browser;
  let admin: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('imports a file, sees the overlap, chooses the corrected file, previews and saves', async () => {
    await signInWithEmail(admin, ADMIN);
    await admin.goto(`/${SLUG}/admin/districts`);
    await admin.getByRole('heading', { level: 1, name: 'مناطق' }).waitFor();
    await admin.getByRole('rowheader', { name: 'منطقه ۱', exact: true }).waitFor();
    await expectNoSeriousA11yViolations(admin, 'admin districts');

    await admin.getByRole('button', { name: 'ورود GeoJSON' }).click();
    const dialog = admin.getByRole('dialog', { name: 'ورود مرز مناطق از GeoJSON' });
    await dialog.getByLabel('فایل GeoJSON').setInputFiles(OVERLAPPING);
    const overlap = dialog.getByRole('button', { name: /عارضهٔ ۱ \(منطقه ۱\) با عارضهٔ ۲ \(منطقه ۲\) هم‌پوشانی دارد/ });
    await overlap.waitFor();
    await dialog.getByText('تا خطاها برطرف نشوند ذخیره ممکن نیست. فایل را اصلاح و دوباره انتخاب کنید.').waitFor();
    const save = admin.getByRole('button', { name: 'ذخیرهٔ مناطق' });
    expect(await save.isDisabled()).toBe(true);
    // The finding highlights the feature on the map.
    await overlap.click();
    expect(await overlap.getAttribute('aria-pressed')).toBe('true');
    await dialog.locator('[aria-label="پیش‌نمایش مناطق فایل"]').waitFor();
    await expectNoSeriousA11yViolations(admin, 'district import report');

    // The corrected file: no errors, the polygons previewed, saving allowed.
    await dialog.getByLabel('فایل GeoJSON').setInputFiles(GOOD);
    await dialog.getByText('فایل خطایی ندارد؛ پیش‌نمایش را ببینید و ذخیره کنید.').waitFor();
    expect(await dialog.locator('.leaflet-interactive').count()).toBe(15);
    await save.click();
    await admin.locator('.toast__title', { hasText: 'مناطق ذخیره شد؛ منطقهٔ ۰ مسئله تغییر کرد.' }).waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  it('enters a district population, refused first when the parts exceed the total', async () => {
    await signInWithEmail(admin, ADMIN);
    await admin.goto(`/${SLUG}/admin/districts`);
    await admin.getByRole('button', { name: 'جمعیت منطقه ۳', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: 'جمعیت منطقه ۳' });
    await dialog.getByLabel('سال منبع (شمسی)').fill('۱۴۰۲');
    await dialog.getByLabel('کل جمعیت').fill('۱۰۰۰۰۰');
    await dialog.getByLabel('مرد', { exact: true }).fill('۶۰۰۰۰');
    await dialog.getByLabel('زن', { exact: true }).fill('۵۰۰۰۰');
    await admin.getByRole('button', { name: 'ذخیرهٔ جمعیت' }).click();
    await dialog.getByText('جمع این بخش‌ها از کل جمعیت بیشتر است.').first().waitFor();
    await expectNoSeriousA11yViolations(admin, 'district population');

    await dialog.getByLabel('زن', { exact: true }).fill('۴۰۰۰۰');
    await dialog.getByLabel('زیر ۱۸ سال').fill('۲۵۰۰۰');
    await dialog.getByLabel('۶۰ سال و بیشتر').fill('۹۰۰۰');
    await admin.getByRole('button', { name: 'ذخیرهٔ جمعیت' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'منطقه ۳', exact: true }) });
    await row.getByRole('cell', { name: '۱۰۰۰۰۰ نفر (۱۴۰۲)' }).waitFor();
  });

  it('draws a new district on the map beside the others, then deletes it', async () => {
    await signInWithEmail(admin, ADMIN);
    await admin.goto(`/${SLUG}/admin/districts`);
    await admin.getByRole('button', { name: 'کشیدن منطقه' }).click();
    const dialog = admin.getByRole('dialog', { name: 'کشیدن منطقهٔ تازه' });
    await dialog.getByLabel('فارسی').fill('منطقهٔ کشیده‌شده');
    // Saving without a boundary says to draw one first.
    await admin.getByRole('button', { name: 'ذخیره', exact: true }).click();
    await dialog.getByText('ابتدا مرز منطقه را روی نقشه بکشید.').waitFor();
    await expectNoSeriousA11yViolations(admin, 'district drawing');

    // A triangle in the map's north-west corner, clear of the fifteen districts fitted in the middle.
    const map = dialog.locator('.leaflet-container');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    const corners = [[0.08, 0.06], [0.22, 0.06], [0.15, 0.16], [0.08, 0.06]];
    for (const [x, y] of corners) await admin.mouse.click(box.x + box.width * x, box.y + box.height * y);
    await admin.getByRole('button', { name: 'ذخیره', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'منطقهٔ کشیده‌شده', exact: true }) });
    await row.getByRole('cell', { name: 'دارد', exact: true }).waitFor();

    admin.once('dialog', (confirm) => void confirm.accept());
    await admin.getByRole('button', { name: 'حذف منطقهٔ کشیده‌شده' }).click();
    await admin.locator('.toast__title', { hasText: 'منطقه حذف شد.' }).waitFor();
    await row.waitFor({ state: 'detached' });
  });
});

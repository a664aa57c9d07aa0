import sharp from 'sharp';
import type { BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import type { TestApp } from '../support/test-app';

/** A member of the organisation with the given roles (citizen by default). */
export function member(t: TestApp, org: BuiltOrganization, roles: string[] = ['citizen'], name = 'شهروند') {
  return personWithRoles(t, org, roles, name);
}

/** A valid submission body inside district 1 of the factory's organisation. */
export function problemBody(org: BuiltOrganization, overrides: Record<string, unknown> = {}) {
  return {
    title: 'چاله خطرناک در خیابان هشت بهشت',
    description: 'یک چاله عمیق وسط خیابان است که شب‌ها دیده نمی‌شود.',
    themeId: org.themeIds[0],
    location: { lat: 32.62, lng: 51.62 },
    ...overrides,
  };
}

/** A JPEG that carries EXIF GPS coordinates and a camera model, as phones write them. */
export function jpegWithGps(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 160, b: 90 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'PhoneMaker', Model: 'Secret Phone 9' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '32/1 37/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 40/1 1/1' },
    })
    .toBuffer();
}

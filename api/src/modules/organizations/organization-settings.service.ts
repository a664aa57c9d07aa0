import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  type Locale,
  type OrganizationPage,
  type SignInMethod,
  type TBranding,
  type TOrganizationPageView,
  type TOrganizationSettings,
  type TPerLocaleText,
  ZOrganizationPage,
  type ZUpdateOrganizationSettings,
  ZUuid,
} from '@hamandishi/contracts';
import { renderSafeMarkdown } from '@hamandishi/text';
import { ImageRejected, sanitizeImage } from '../../common/images/sanitize-image';
import { AuditService } from '../audit/audit.service';
import { sniffAttachmentType } from '../attachments/file-type';
import type { Organization } from './organization.entity';
import { OrganizationSettingsRepository, type SettingsRow } from './organization-settings.repository';
import { OrganizationErrors } from './organizations.errors';

const LOGO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Logos are shown small (header, 48 px high); 512 px keeps them sharp on dense screens. */
const LOGO_SIDE = 512;

/** The logo's URL: its id changes with every upload, so the URL can be cached for ever. */
export const logoUrl = (slug: string, logoId: string | null) => (logoId ? `/api/orgs/${slug}/logo/${logoId}` : null);

/** What the public description of a municipality carries from its settings. */
export type PublicSettings = {
  branding: TBranding;
  locales: Locale[];
  signInMethods: SignInMethod[];
  welcomeHtml: TPerLocaleText;
};

/**
 * A municipality's settings and public pages: names, logo, colours, welcome and pages (safe
 * markdown, per language), sign-in methods and languages. Each change is audited with its
 * before and after in the same transaction.
 */
@Injectable()
export class OrganizationSettingsService {
  constructor(
    private readonly repository: OrganizationSettingsRepository,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async get(organization: Organization): Promise<TOrganizationSettings> {
    return view(organization, await this.repository.find(organization.id));
  }

  /**
   * Saves everything the settings screen edits. The default language must be offered
   * (400 `organizations.default_locale_not_offered`, nothing saved).
   */
  async update(
    organization: Organization,
    actorId: string,
    input: z.output<typeof ZUpdateOrganizationSettings>,
  ): Promise<TOrganizationSettings> {
    if (!input.locales.includes(organization.defaultLocale)) {
      throw OrganizationErrors.defaultLocaleNotOffered(organization.defaultLocale);
    }
    const name = compact(input.name) as Organization['name'];
    await this.db.transaction(async (m) => {
      const before = await this.repository.lock(organization.id, m);
      const [current] = await m.query(`SELECT name FROM organization WHERE id = $1`, [organization.id]);
      const values = {
        primaryColor: input.primaryColor,
        accentColor: input.accentColor,
        welcome: compact(input.welcome),
        about: compact(input.about),
        terms: compact(input.terms),
        privacy: compact(input.privacy),
        signInMethods: input.signInMethods,
        locales: input.locales,
      };
      await this.repository.setName(organization.id, name, m);
      await this.repository.save(organization.id, values, m);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'organization.settings_updated',
        entityType: 'organization',
        entityId: organization.id,
        before: { name: current?.name ?? organization.name, ...auditable(before) },
        after: { name, ...values },
      });
    });
    return view({ ...organization, name }, await this.repository.find(organization.id));
  }

  /** Stores a new logo, decoded and re-encoded (WebP, no metadata); 400 `organizations.logo_invalid`. */
  async uploadLogo(organization: Organization, actorId: string, body: Buffer): Promise<TOrganizationSettings> {
    const type = sniffAttachmentType(body);
    if (!type || !LOGO_TYPES.has(type)) throw OrganizationErrors.logoInvalid();
    let image;
    try {
      image = await sanitizeImage(body, { maxSide: LOGO_SIDE, format: 'webp', quality: 90 });
    } catch (error) {
      if (error instanceof ImageRejected) throw OrganizationErrors.logoInvalid();
      throw error;
    }
    await this.db.transaction(async (m) => {
      const before = await this.repository.lock(organization.id, m);
      const logoId = await this.repository.setLogo(organization.id, image, m);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'organization.logo_uploaded',
        entityType: 'organization',
        entityId: organization.id,
        before: { logoId: before.logoId },
        after: { logoId, width: image.width, height: image.height },
      });
    });
    return this.get(organization);
  }

  async removeLogo(organization: Organization, actorId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.repository.lock(organization.id, m);
      if (!before.logoId) return;
      await this.repository.setLogo(organization.id, null, m);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'organization.logo_removed',
        entityType: 'organization',
        entityId: organization.id,
        before: { logoId: before.logoId },
        after: { logoId: null },
      });
    });
  }

  /** The logo's bytes; 404 once it was replaced or removed. */
  async openLogo(organization: Organization, logoId: string): Promise<{ data: Buffer; contentType: string }> {
    const logo = ZUuid.safeParse(logoId).success ? await this.repository.logo(organization.id, logoId) : null;
    if (!logo) throw OrganizationErrors.logoNotFound();
    return logo;
  }

  /** A public page in the language asked for, else in Persian, rendered as safe HTML. */
  async page(organization: Organization, page: string, locale: Locale | undefined): Promise<TOrganizationPageView> {
    const parsed = ZOrganizationPage.safeParse(page);
    if (!parsed.success) throw OrganizationErrors.pageNotFound();
    const settings = await this.repository.find(organization.id);
    const texts = settings[parsed.data as OrganizationPage];
    const wanted = locale ?? organization.defaultLocale;
    const chosen: Locale = texts[wanted] ? wanted : 'fa';
    return { page: parsed.data, locale: chosen, html: renderSafeMarkdown(texts[chosen] ?? '') };
  }

  /** Branding, languages, sign-in methods and welcome for GET /api/orgs/:slug. */
  async publicSettings(organization: Organization): Promise<PublicSettings> {
    const s = await this.repository.find(organization.id);
    const welcomeHtml: TPerLocaleText = {};
    for (const locale of ['fa', 'ar', 'en'] as const) {
      const text = s.welcome[locale];
      if (text) welcomeHtml[locale] = renderSafeMarkdown(text);
    }
    return {
      branding: { logoUrl: logoUrl(organization.slug, s.logoId), primaryColor: s.primaryColor, accentColor: s.accentColor },
      locales: s.locales,
      signInMethods: s.signInMethods,
      welcomeHtml,
    };
  }

  /** How people may sign in to this municipality. */
  async signInMethodsOf(organizationId: string): Promise<SignInMethod[]> {
    return (await this.repository.find(organizationId)).signInMethods;
  }
}

/** Drops empty languages, so "no text" is one thing (a missing key). */
function compact<T extends Record<string, string | undefined>>(texts: T): TPerLocaleText {
  const out: TPerLocaleText = {};
  for (const [key, value] of Object.entries(texts)) {
    if (value && value.trim()) out[key as Locale] = value;
  }
  return out;
}

function auditable(row: SettingsRow) {
  const { logoId: _logo, updatedAt: _at, ...rest } = row;
  return rest;
}

function view(organization: Organization, s: SettingsRow): TOrganizationSettings {
  return {
    name: organization.name,
    defaultLocale: organization.defaultLocale,
    logoUrl: logoUrl(organization.slug, s.logoId),
    primaryColor: s.primaryColor,
    accentColor: s.accentColor,
    welcome: s.welcome,
    about: s.about,
    terms: s.terms,
    privacy: s.privacy,
    signInMethods: s.signInMethods,
    locales: s.locales,
    updatedAt: s.updatedAt ? new Date(s.updatedAt).toISOString() : null,
  };
}

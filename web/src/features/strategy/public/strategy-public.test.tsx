import { screen } from '@testing-library/react';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { readDecimal } from '../monitoring/monitoring-bits';
import { monitoringResources } from '../monitoring/monitoring-i18n';
import PlanResponse from './plan-response';
import { strategyPublicResources } from './public-i18n';

type Catalog = Record<string, unknown>;
const keys = (node: unknown, prefix = ''): string[] =>
  node && typeof node === 'object' ? Object.entries(node as Catalog).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];

const SESSION = { 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' } };
const PROBLEM = 'p0000000-0000-4000-8000-000000000001';

describe('strategy monitoring and accountability (web)', () => {
  it('reads numbers typed with Persian or Arabic-Indic digits and decimal separators, and refuses words', () => {
    expect(readDecimal('۳۵')).toBe(35);
    expect(readDecimal('٤٢٫٥')).toBe(42.5);
    expect(readDecimal('۱٬۲۰۰')).toBe(1200);
    expect(readDecimal(' 7.25 ')).toBe(7.25);
    expect(readDecimal('ده')).toBeNull();
    expect(readDecimal('')).toBeNull();
  });

  it('ships the same keys in Persian, Arabic and English', () => {
    for (const resources of [monitoringResources, strategyPublicResources]) {
      const fa = keys(resources.fa).sort();
      expect(keys(resources.ar).sort()).toEqual(fa);
      expect(keys(resources.en).sort()).toEqual(fa);
    }
  });

  it("shows on a problem the linked projects with status and progress in Persian digits", async () => {
    mockFetch({
      ...SESSION,
      [`GET /api/orgs/isfahan/problems/${PROBLEM}/plan-response`]: {
        status: 200,
        body: { projects: [{ id: 'x1', planId: 'pl', code: 'P-7', title: 'لایروبی آبروها', status: 'in_progress', progress: 40 }] },
      },
    });
    renderWithApp(<PlanResponse slug="isfahan" problemId={PROBLEM} />);
    expect(await screen.findByRole('heading', { name: 'برنامه درباره این مسئله چه می‌کند' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /لایروبی آبروها/ })).toHaveAttribute('href', '/isfahan/projects/x1');
    expect(screen.getByText('در حال اجرا · پیشرفت: ۴۰٪')).toBeInTheDocument();
  });

  it('says so when no project answers the problem yet', async () => {
    mockFetch({ ...SESSION, [`GET /api/orgs/isfahan/problems/${PROBLEM}/plan-response`]: { status: 200, body: { projects: [] } } });
    renderWithApp(<PlanResponse slug="isfahan" problemId={PROBLEM} />);
    expect(await screen.findByText('هنوز پروژه‌ای از برنامه به این مسئله پیوند نخورده است.')).toBeInTheDocument();
  });
});

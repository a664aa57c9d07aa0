import { screen } from '@testing-library/react';
import { changeLocale } from '@/app/i18n';
import { PlanList } from '@/features/plans/components/plan-list';
import { ProblemList } from '@/features/problems/components/problem-list';
import { ORG, PROBLEM } from '@/features/problems/test-fixtures';
import { mockFetch, renderWithApp } from '../../test/render';

describe('text people typed keeps its own direction', () => {
  it('isolates a Persian plan title shown in the English interface', async () => {
    await changeLocale('en');
    const plan = {
      id: '3b0a7f5e-1c1d-4b7a-9a55-0d6c1e2f3a01',
      title: { fa: 'برنامه ۱۴۰۵ شهر اصفهان' },
      kind: 'strategic_operational' as const,
      status: 'drafting' as const,
      strategicHorizon: { from: 1405, to: 1414 },
      operationalHorizon: { from: 1405, to: 1409 },
      coverUrl: null,
      currentStageId: null,
      createdAt: '2026-03-01T00:00:00.000Z',
    };
    renderWithApp(<PlanList slug="isfahan" plans={[plan]} />);
    expect(screen.getByText('برنامه ۱۴۰۵ شهر اصفهان')).toHaveAttribute('dir', 'auto');
  });

  it('isolates an English problem title in the Persian list', async () => {
    mockFetch({
      'GET /api/orgs/isfahan/problems': {
        status: 200,
        body: { items: [{ ...PROBLEM, title: 'Broken lamp at 5th St.' }], nextCursor: null },
      },
    });
    renderWithApp(<ProblemList organization={ORG} filters={{}} />);
    expect(await screen.findByText('Broken lamp at 5th St.')).toHaveAttribute('dir', 'auto');
  });
});

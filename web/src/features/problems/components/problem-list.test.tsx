import { screen } from '@testing-library/react';
import { ProblemList } from './problem-list';
import { ACCOUNT_ID, ORG } from '../test-fixtures';
import { mockFetch, renderWithApp } from '../../../../test/render';

describe('ProblemList', () => {
  it('asks only for my reports with the “mine” filter, and says so when there are none', async () => {
    const fetchMock = mockFetch({
      'GET /api/orgs/isfahan/problems': { status: 200, body: { items: [], nextCursor: null } },
    });
    renderWithApp(<ProblemList organization={ORG} filters={{ themeId: ORG.themes[0].id }} mineOf={ACCOUNT_ID} />);
    expect(await screen.findByText('هنوز مسئله‌ای گزارش نکرده‌اید که با این فیلترها جور باشد.')).toBeInTheDocument();
    const url = new URL(String(fetchMock.mock.calls[0][0]), 'http://x');
    expect(url.searchParams.get('mine')).toBe('true');
    expect(url.searchParams.get('themeId')).toBe(ORG.themes[0].id);
  });
});

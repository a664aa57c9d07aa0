import { screen } from '@testing-library/react';
import type { TBoardState } from '@hamandishi/contracts';
import { i18next } from '@/app/i18n';
import { renderWithApp } from '../../../test/render';
import { OpinionPanel } from './opinion-panel';

const state = (opinion: TBoardState['opinion']): TBoardState => ({
  sessionId: 's',
  topic: 'موضوع',
  boardStatus: 'open',
  role: 'participant',
  accountId: 'a',
  statements: [
    { id: 'st1', text: 'اتوبوس شبانه', authorId: null, clusterId: null, isPinned: false, isHidden: false, upvoteCount: 0, createdAt: '2026-12-03T08:00:00Z' },
    { id: 'st2', text: 'پیاده‌راه', authorId: null, clusterId: null, isPinned: false, isHidden: false, upvoteCount: 0, createdAt: '2026-12-03T08:00:01Z' },
  ],
  clusters: [],
  polls: [],
  myUpvotes: [],
  myVotes: {},
  myPollAnswers: {},
  opinion,
});

describe('opinion groups panel', () => {
  afterAll(() => i18next.changeLanguage('fa'));

  it('says "not enough votes yet" in Persian with the thresholds', async () => {
    await i18next.changeLanguage('fa');
    renderWithApp(
      <OpinionPanel state={state({ status: 'not_enough_votes', participants: 1, statements: 1, minParticipants: 4, minStatements: 2, computedAt: '' })} />,
    );
    expect(await screen.findByText(/هنوز رأی کافی نیست/)).toBeInTheDocument();
    expect(screen.getByText(/۴ نفر/)).toBeInTheDocument();
  });

  it('lists the groups, their representative statements and the common ground', async () => {
    await i18next.changeLanguage('en');
    renderWithApp(
      <OpinionPanel
        state={state({
          status: 'ready',
          computedAt: '',
          participants: 24,
          statements: 2,
          groups: [
            { label: 0, size: 12, representative: [{ statementId: 'st1', direction: 'agree', probability: 0.9 }] },
            { label: 1, size: 12, representative: [{ statementId: 'st1', direction: 'disagree', probability: 0.85 }] },
          ],
          consensus: [{ statementId: 'st2', direction: 'agree', probability: 0.7 }],
          points: [[0.5, 0.1, 0], [-0.4, 0.2, 1]],
          myGroup: 1,
        })}
      />,
    );
    expect(await screen.findByText('You are in Group B.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Group A · 12 people/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Map of opinions/ })).toBeInTheDocument();
    expect(screen.getAllByText('اتوبوس شبانه')).toHaveLength(2);
    expect(screen.getByText('پیاده‌راه')).toBeInTheDocument();
  });
});

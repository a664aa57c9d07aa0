import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TDemandClassifierState, TDemandSuggestion } from '@hamandishi/contracts';
import { i18next } from '@/app/i18n';
import { mockFetch, renderWithApp } from '../../../../test/render';
import { ClassifierStatusCard, SuggestionChips } from './index';
import { DEMAND_SUGGESTIONS_NS, demandSuggestionsResources } from './suggestions-i18n';

const BASE = '/api/orgs/isfahan/demands';
const DEMAND = 'd0000000-0000-4000-8000-000000000001';
const SESSION = { 'GET /api/auth/session': { status: 200, body: { account: null, memberships: [], csrfToken: 'x' }, setCookie: 'hm_csrf=x' } };

const suggestion = (themeId: string, fa: string, confidence: number): TDemandSuggestion => ({
  demandId: DEMAND,
  themeId,
  themeName: { fa, en: fa },
  themeColour: '#336699',
  confidence,
  status: 'open',
  decidedAt: null,
});

const stateOf = (over: Partial<TDemandClassifierState>): TDemandClassifierState => ({
  model: null,
  isTraining: false,
  isEnoughData: false,
  taggedDemands: 12,
  learnableThemes: 1,
  minTaggedDemands: 30,
  minPerTheme: 5,
  minThemes: 2,
  openSuggestions: 0,
  ...over,
});

function leafKeys(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('suggested themes', () => {
  it('has the same keys in Persian, Arabic and English', () => {
    const fa = leafKeys(demandSuggestionsResources.fa).sort();
    expect(leafKeys(demandSuggestionsResources.ar).sort()).toEqual(fa);
    expect(leafKeys(demandSuggestionsResources.en).sort()).toEqual(fa);
    expect(i18next.getFixedT('fa', DEMAND_SUGGESTIONS_NS)('status.retrain')).toBe('آموزش دوباره');
  });

  it('says "not enough tagged demands yet" instead of an accuracy below the threshold', async () => {
    mockFetch({ [`GET ${BASE}/classifier`]: { status: 200, body: stateOf({}) } });
    renderWithApp(<ClassifierStatusCard slug="isfahan" />);
    expect(await screen.findByText(/هنوز مطالبهٔ برچسب‌خورده به اندازهٔ کافی نیست \(۱۲ مطالبه\)/)).toBeInTheDocument();
    expect(screen.getByTestId('classifier-macro-f1')).toHaveTextContent('هنوز سنجیده نشده');
  });

  it('shows the macro-F1 of a ready model and retrains on demand', async () => {
    const ready = stateOf({
      isEnoughData: true,
      taggedDemands: 400,
      model: { id: 'm', status: 'ready', sampleCount: 400, labelCount: 6, macroF1: 0.874, heldOutCount: 80, errorCode: null, createdAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:01:00.000Z' },
    });
    const fetch = mockFetch({
      ...SESSION,
      [`GET ${BASE}/classifier`]: { status: 200, body: ready },
      [`POST ${BASE}/classifier/train`]: { status: 202, body: { ...ready, isTraining: true } },
    });
    renderWithApp(<ClassifierStatusCard slug="isfahan" />);
    expect(await screen.findByTestId('classifier-macro-f1')).toHaveTextContent('۸۷٪');
    await userEvent.click(screen.getByRole('button', { name: 'آموزش دوباره' }));
    expect(fetch.mock.calls.some(([url, init]) => String(url).endsWith('/classifier/train') && init?.method === 'POST')).toBe(true);
    expect(await screen.findByText('مدل در حال آموزش است…')).toBeInTheDocument();
  });

  it('accepts the top suggestion with the key a, and tells the page', async () => {
    const fetch = mockFetch({
      ...SESSION,
      [`GET ${BASE}/${DEMAND}/suggestions`]: { status: 200, body: { items: [suggestion('t1', 'ترافیک', 0.91), suggestion('t2', 'پارکینگ', 0.62)] } },
      [`POST ${BASE}/${DEMAND}/suggestions/t1/accept`]: { status: 200, body: { decided: 1 } },
    });
    const onDecided = jest.fn();
    renderWithApp(<SuggestionChips slug="isfahan" demandId={DEMAND} onDecided={onDecided} />);
    const list = await screen.findByRole('list', { name: 'موضوع‌های پیشنهادی' });
    expect(screen.getByText('۹۱٪')).toBeInTheDocument();
    fireEvent.keyDown(list, { key: 'ش', code: 'KeyA' });
    await waitFor(() => expect(onDecided).toHaveBeenCalledWith('accept', expect.objectContaining({ themeId: 't1' })));
    expect(fetch.mock.calls.some(([url, init]) => String(url).endsWith('/suggestions/t1/accept') && init?.method === 'POST')).toBe(true);
  });

  it('rejects one with its button and translates a refusal', async () => {
    mockFetch({
      ...SESSION,
      [`POST ${BASE}/${DEMAND}/suggestions/t2/reject`]: {
        status: 409,
        body: { code: 'demand_suggestions.already_decided', message: 'x' },
      },
    });
    renderWithApp(<SuggestionChips slug="isfahan" demandId={DEMAND} suggestions={[suggestion('t2', 'پارکینگ', 0.62)]} />);
    await userEvent.click(screen.getByRole('button', { name: 'رد کردن موضوع پارکینگ' }));
    expect(await screen.findByText('دربارهٔ این پیشنهاد پیش‌تر تصمیم گرفته شده است.')).toBeInTheDocument();
  });
});

import { useState } from 'react';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApp } from '../../../../test/render';
import '../surveys-i18n';
import { MapAnswerField } from './map-answer-field';

// Leaflet does not run in jsdom; the keyboard path never needs it.
jest.mock('./survey-map', () => ({ __esModule: true, default: () => <div data-testid="leaflet-map" /> }));

function Harness({ mode, onAnswer }: { mode: 'point' | 'area'; onAnswer: (value: unknown) => void }) {
  const [value, setValue] = useState<unknown>(null);
  return (
    <MapAnswerField
      mode={mode}
      label="محل"
      value={value}
      center={{ lat: 32.65, lng: 51.67 }}
      zoom={12}
      onChange={(next) => {
        setValue(next);
        onAnswer(next);
      }}
    />
  );
}

describe('a map question answered from the keyboard', () => {
  it('places a point under the crosshair with Enter after moving it with the arrows, and says so', async () => {
    const user = userEvent.setup();
    const onAnswer = jest.fn();
    renderWithApp(<Harness mode="point" onAnswer={onAnswer} />);
    const region = await screen.findByRole('application', { name: 'نقشه برای انتخاب یک نقطه' });
    await user.tab();
    expect(region).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowRight}{Enter}');
    const answer = onAnswer.mock.lastCall[0] as { lat: number; lng: number };
    expect(answer.lat).toBeGreaterThan(32.65);
    expect(answer.lng).toBeGreaterThan(51.67);
    expect(screen.getByRole('status')).toHaveTextContent('نقطه گذاشته شد.');
    expect(region).toHaveAccessibleDescription(/نقطه در عرض/);
  });

  it('adds polygon vertices with Enter and Space, removes the last with Backspace, and counts them aloud', async () => {
    const user = userEvent.setup();
    const onAnswer = jest.fn();
    renderWithApp(<Harness mode="area" onAnswer={onAnswer} />);
    const region = await screen.findByRole('application', { name: 'نقشه برای کشیدن یک محدوده' });
    region.focus();
    await user.keyboard('{Enter}{ArrowUp}{Enter}{ArrowRight} {ArrowDown}{Enter}');
    expect(onAnswer.mock.lastCall[0]).toHaveLength(4);
    expect(screen.getByRole('status')).toHaveTextContent('گوشه افزوده شد. ۴ گوشه گذاشته شده است.');
    await user.keyboard('{Backspace}');
    expect(onAnswer.mock.lastCall[0]).toHaveLength(3);
    expect(screen.getByRole('status')).toHaveTextContent('آخرین گوشه برداشته شد. ۳ گوشه گذاشته شده است.');
    await user.click(screen.getByRole('button', { name: 'پاک کردن' }));
    expect(onAnswer).toHaveBeenLastCalledWith(null);
    expect(screen.getByRole('button', { name: 'برداشتن آخرین گوشه' })).toBeDisabled();
  });
});

import { screen } from '@testing-library/react';
import { LanguageSwitcher } from './language-switcher';
import { renderWithApp } from '../../test/render';

// Emoji need an emoji font many systems lack; icons are drawn as SVG in the text colour.
const EMOJI = /\p{Extended_Pictographic}/u;

describe('header icons', () => {
  it('draw the language menu’s globe as an SVG hidden from screen readers, not an emoji', () => {
    renderWithApp(<LanguageSwitcher onChange={() => {}} />);
    const trigger = screen.getByRole('button', { name: 'زبان: فارسی' });
    expect(trigger.textContent).not.toMatch(EMOJI);
    const icon = trigger.querySelector('svg');
    expect(icon).toHaveAttribute('aria-hidden', 'true');
    expect(icon).toHaveAttribute('stroke', 'currentColor');
  });
});

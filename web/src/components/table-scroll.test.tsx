import { render, screen } from '@testing-library/react';
import { TableScroll } from './table-scroll';

describe('TableScroll', () => {
  it('is a named region a keyboard can reach, so a wide table can be scrolled without a mouse', () => {
    render(
      <TableScroll label="شمار دیدگاه‌ها">
        <table>
          <tbody>
            <tr>
              <td>۱</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>,
    );
    const region = screen.getByRole('region', { name: 'شمار دیدگاه‌ها' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toContainElement(screen.getByRole('table'));
  });
});

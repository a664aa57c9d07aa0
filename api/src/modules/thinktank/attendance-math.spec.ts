import { attendedMinutes, personHours } from './attendance-math';

const at = (hm: string) => new Date(`2026-12-03T${hm}:00Z`);
const window = { startsAt: at('10:00'), endsAt: at('12:00') };

describe('attended minutes', () => {
  it('counts only the part inside the session window', () => {
    expect(attendedMinutes(window, { checkedInAt: at('09:40'), checkedOutAt: at('11:30') }, at('13:00'))).toBe(90);
    expect(attendedMinutes(window, { checkedInAt: at('11:00'), checkedOutAt: at('13:00') }, at('13:00'))).toBe(60);
  });

  it('counts someone still present up to now, and never past the end', () => {
    expect(attendedMinutes(window, { checkedInAt: at('10:30'), checkedOutAt: null }, at('11:15'))).toBe(45);
    expect(attendedMinutes(window, { checkedInAt: at('10:30'), checkedOutAt: null }, at('18:00'))).toBe(90);
  });

  it('is zero before the session starts and for a visit outside the window', () => {
    expect(attendedMinutes(window, { checkedInAt: at('09:45'), checkedOutAt: null }, at('09:55'))).toBe(0);
    expect(attendedMinutes(window, { checkedInAt: at('09:00'), checkedOutAt: at('09:30') }, at('13:00'))).toBe(0);
  });

  it('rounds partial minutes down and person-hours to two decimals', () => {
    expect(attendedMinutes(window, { checkedInAt: new Date('2026-12-03T10:00:30Z'), checkedOutAt: at('10:02') }, at('13:00'))).toBe(1);
    expect(personHours(240)).toBe(4);
    expect(personHours(100)).toBe(1.67);
  });
});

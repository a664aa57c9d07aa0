/// <reference types="jest" />
import { parseLocalizedInteger } from './numbers';

describe('parseLocalizedInteger', () => {
  it.each([
    ['123', 123],
    ['۱۲۳', 123],
    ['٤٥٦', 456],
    [' ۱۲۳۴ ', 1234],
    ['۱٬۲۳۴٬۵۶۷', 1234567],
    ['1,234', 1234],
    ['۱،۰۰۰', 1000],
    ['-۵', -5],
    ['\u2212۵', -5],
    ['+7', 7],
    ['0', 0],
    ['-0', 0],
  ])('reads %j as %d', (input, expected) => {
    expect(parseLocalizedInteger(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'abc',
    '۱۲a',
    '۱٫۵', // Arabic decimal separator: 1.5 is not an integer
    '1.5',
    '1,2',
    '12,34,567',
    ',123',
    '1 234',
    '--1',
    '99999999999999999999',
  ])('rejects %j', (input) => {
    expect(parseLocalizedInteger(input)).toBeNull();
  });
});

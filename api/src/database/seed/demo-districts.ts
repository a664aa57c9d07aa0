import { toPersianDigits, toArabicIndicDigits } from '@hamandishi/text';
import type { TBoundary, TLocalizedText } from '@hamandishi/contracts';

/** Isfahan's centre (Naqsh-e Jahan square), the demo municipality's map centre. */
export const ISFAHAN_CENTER = { lat: 32.6575, lng: 51.6776 };

const COLUMNS = 5;
const ROWS = 3;
const CELL_LNG = 0.036;
const CELL_LAT = 0.032;

// Deterministic wobble so boundaries look drawn rather than ruled; neighbours share vertices, so
// the districts tile the city without gaps or overlaps.
function wobble(i: number, j: number, axis: number): number {
  const x = Math.sin(i * 12.9898 + j * 78.233 + axis * 37.719) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 0.008;
}

function vertex(i: number, j: number): [number, number] {
  const west = ISFAHAN_CENTER.lng - (COLUMNS * CELL_LNG) / 2;
  const south = ISFAHAN_CENTER.lat - (ROWS * CELL_LAT) / 2;
  const onEdge = i === 0 || j === 0 || i === COLUMNS || j === ROWS;
  const lng = west + i * CELL_LNG + (onEdge ? 0 : wobble(i, j, 0));
  const lat = south + j * CELL_LAT + (onEdge ? 0 : wobble(i, j, 1));
  return [Number(lng.toFixed(6)), Number(lat.toFixed(6))];
}

/** 15 districts tiling a box around Isfahan's centre, numbered from the north-west. */
export function demoDistricts(): { number: number; name: TLocalizedText; boundary: TBoundary }[] {
  const districts = [];
  for (let row = ROWS - 1; row >= 0; row--) {
    for (let col = 0; col < COLUMNS; col++) {
      const number: number = districts.length + 1;
      const ring: [number, number][] = [
        vertex(col, row), vertex(col + 1, row), vertex(col + 1, row + 1), vertex(col, row + 1), vertex(col, row),
      ];
      districts.push({
        number,
        name: {
          fa: `منطقه ${toPersianDigits(String(number))}`,
          ar: `المنطقة ${toArabicIndicDigits(String(number))}`,
          en: `District ${number}`,
        },
        boundary: { type: 'Polygon' as const, coordinates: [ring] },
      });
    }
  }
  return districts;
}

import { answerOf, crosshairKey, stepAt, verticesOf, type CrosshairState } from './crosshair';

const start: CrosshairState = { cursor: { lat: 32.65, lng: 51.67 }, vertices: [] };
const step = { lat: 0.01, lng: 0.02 };

function press(state: CrosshairState, keys: string[], mode: 'point' | 'area') {
  return keys.reduce((s, key) => crosshairKey(s, key, mode, step)?.state ?? s, state);
}

describe('the keyboard crosshair of map questions', () => {
  it('moves with the arrow keys by one step, east on ArrowRight whatever the reading direction', () => {
    expect(crosshairKey(start, 'ArrowUp', 'point', step)).toEqual({
      state: { ...start, cursor: { lat: 32.66, lng: 51.67 } },
      effect: 'moved',
    });
    expect(crosshairKey(start, 'ArrowRight', 'point', step)?.state.cursor).toEqual({ lat: 32.65, lng: 51.69 });
    expect(crosshairKey(start, 'ArrowLeft', 'point', step)?.state.cursor).toEqual({ lat: 32.65, lng: 51.65 });
    expect(crosshairKey(start, 'ArrowDown', 'point', step)?.state.cursor).toEqual({ lat: 32.64, lng: 51.67 });
  });

  it('places one point with Enter or Space; a second press moves it', () => {
    const placed = press(start, ['ArrowUp', 'Enter'], 'point');
    expect(placed.vertices).toEqual([{ lat: 32.66, lng: 51.67 }]);
    const moved = press(placed, ['ArrowRight', ' '], 'point');
    expect(moved.vertices).toEqual([{ lat: 32.66, lng: 51.69 }]);
    expect(answerOf('point', moved.vertices)).toEqual({ lat: 32.66, lng: 51.69 });
  });

  it('adds polygon vertices with Enter and takes the last one back with Backspace', () => {
    const drawn = press(start, ['Enter', 'ArrowUp', 'Enter', 'ArrowRight', ' ', 'ArrowDown', 'Enter'], 'area');
    expect(drawn.vertices).toHaveLength(4);
    const undone = crosshairKey(drawn, 'Backspace', 'area', step);
    expect(undone?.effect).toBe('vertexRemoved');
    expect(undone?.state.vertices).toHaveLength(3);
    expect(answerOf('area', undone!.state.vertices)).toEqual([
      { lat: 32.65, lng: 51.67 },
      { lat: 32.66, lng: 51.67 },
      { lat: 32.66, lng: 51.69 },
    ]);
    expect(crosshairKey(start, 'Backspace', 'area', step)?.effect).toBe('nothingToRemove');
  });

  it('lets other keys through (Tab keeps moving focus)', () => {
    expect(crosshairKey(start, 'Tab', 'area', step)).toBeNull();
    expect(crosshairKey(start, 'a', 'area', step)).toBeNull();
  });

  it('reads the vertices back from a saved answer, without the closing repetition', () => {
    const closed = [
      { lat: 1, lng: 2 },
      { lat: 3, lng: 4 },
      { lat: 5, lng: 2 },
      { lat: 1, lng: 2 },
    ];
    expect(verticesOf(closed)).toEqual([
      { lat: 1, lng: 2 },
      { lat: 3, lng: 4 },
      { lat: 5, lng: 2 },
    ]);
    expect(verticesOf({ lat: 32, lng: 51 })).toEqual([{ lat: 32, lng: 51 }]);
    expect(verticesOf(null)).toEqual([]);
  });

  it('takes smaller steps when zoomed in', () => {
    expect(stepAt(16, 32).lng).toBeLessThan(stepAt(12, 32).lng);
    expect(stepAt(12, 60).lat).toBeCloseTo(stepAt(12, 60).lng / 2, 6);
  });
});

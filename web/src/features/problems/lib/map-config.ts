/**
 * The tile server, in one place (a municipality running its own tiles changes only this line).
 * The page works without tiles: boundaries, markers and the list come from our own data.
 */
export const MAP_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

/** Attribution required by the tile server's licence. */
export const MAP_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

/** How long the map waits after the last pan or zoom before asking the server. */
export const VIEWPORT_DEBOUNCE_MS = 300;

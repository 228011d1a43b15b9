import hexjson from '../../../../seeds/maps/lad24_ew_hexmap_with_pfa.hexjson?raw';

// The 318 local authority districts as hexes (Open Innovations' layout, "odd-r": odd rows shift
// half a hex right; rows count northwards), grouped into the 43 police force areas.

interface HexJsonHex {
  n: string;
  q: number;
  r: number;
  pfa: string;
  pfa_name: string;
}

export interface DistrictHex {
  code: string;
  name: string;
  area: string;
  points: string;
}

export interface AreaShape {
  code: string;
  name: string;
  districts: DistrictHex[];
  /** The area's outer edges (shared edges between its own hexes left out), as one path. */
  outline: string;
  centre: { x: number; y: number };
}

export interface HexLayout {
  width: number;
  height: number;
  areas: AreaShape[];
}

const SIZE = 10;
const HALF_W = (Math.sqrt(3) * SIZE) / 2;
const MARGIN = 2;

// Corners on an integer lattice (x in half hex widths, y in half sizes), so that two neighbours'
// shared edge has exactly the same key and the outline leaves it out.
const CORNERS: [number, number][] = [
  [1, -1],
  [1, 1],
  [0, 2],
  [-1, 1],
  [-1, -1],
  [0, -2],
];
const px = ([x, y]: [number, number]): [number, number] => [
  Math.round((x * HALF_W + MARGIN) * 100) / 100,
  Math.round(((y * SIZE) / 2 + MARGIN) * 100) / 100,
];

export function hexLayout(): HexLayout {
  const hexes = Object.entries((JSON.parse(hexjson) as { hexes: Record<string, HexJsonHex> }).hexes);
  const maxR = Math.max(...hexes.map(([, h]) => h.r));
  const minQ = Math.min(...hexes.map(([, h]) => h.q));
  const byArea = new Map<string, { name: string; districts: DistrictHex[]; corners: [number, number][][] }>();
  let width = 0;
  let height = 0;
  for (const [code, hex] of hexes) {
    const odd = ((hex.r % 2) + 2) % 2 === 1;
    const ix = 2 * (hex.q - minQ) + (odd ? 1 : 0) + 1;
    const iy = 3 * (maxR - hex.r) + 2;
    const corners: [number, number][] = CORNERS.map(([dx, dy]) => [ix + dx, iy + dy]);
    const [right, bottom] = px([ix + 1, iy + 2]);
    width = Math.max(width, right + MARGIN);
    height = Math.max(height, bottom + MARGIN);
    const area = byArea.get(hex.pfa) ?? { name: hex.pfa_name, districts: [], corners: [] };
    area.districts.push({ code, name: hex.n, area: hex.pfa, points: corners.map((c) => px(c).join(',')).join(' ') });
    area.corners.push(corners);
    byArea.set(hex.pfa, area);
  }
  const areas = [...byArea.entries()].map(([code, area]) => ({
    code,
    name: area.name,
    districts: area.districts,
    outline: outlineOf(area.corners),
    centre: centreOf(area.corners),
  }));
  return { width: Math.ceil(width), height: Math.ceil(height), areas };
}

/** Edges that belong to one hex of the group only are on its border. */
function outlineOf(hexes: [number, number][][]): string {
  const edges = new Map<string, { from: [number, number]; to: [number, number]; count: number }>();
  for (const corners of hexes) {
    corners.forEach((from, i) => {
      const to = corners[(i + 1) % 6] ?? from;
      const a = from.join(',');
      const b = to.join(',');
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      const edge = edges.get(key);
      if (edge) {
        edge.count += 1;
      } else {
        edges.set(key, { from, to, count: 1 });
      }
    });
  }
  return [...edges.values()]
    .filter((edge) => edge.count === 1)
    .map((edge) => `M${px(edge.from).join(',')}L${px(edge.to).join(',')}`)
    .join('');
}

function centreOf(hexes: [number, number][][]): { x: number; y: number } {
  const points = hexes.flat().map(px);
  return {
    x: points.reduce((sum, p) => sum + p[0], 0) / points.length,
    y: points.reduce((sum, p) => sum + p[1], 0) / points.length,
  };
}

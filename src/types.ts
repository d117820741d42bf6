// **types** — the plain data that flows down the pipeline: Document → Mention → Entity → Relation → quads.
// Every stage takes and returns these shapes; nothing here has behaviour.
// Offsets are UTF-16 code-unit indices into `Document.text` unless a field says otherwise;
// `Document.sourceOffsets` maps them back to the original input (for HTML, entity references and tags shift them).

// ---------------------------------------------------------------- ingest

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';
export type InputFormat = 'text' | 'html';

/** A half-open range [start, end) into Document.text. */
export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  /** Index of the sentence in Document.sentences. */
  index: number;
  /** Document.text.slice(start, end), kept for convenience. */
  text: string;
  /** Which part of the page it comes from: the body, or a metadata line (title, byline…). */
  zone: 'title' | 'meta' | 'body';
}

export interface ArticleMeta {
  title?: string;
  originalTitle?: string;
  /** 来源 / `source:` as printed (人民日报（第14版：社会）, 光明日报). */
  source?: string;
  /** 发布人 (the page's editor). */
  publisher?: string;
  /** ISO date, YYYY-MM-DD. */
  published?: string;
  /** ISO time HH:MM[:SS] if printed. */
  publishedTime?: string;
  url?: string;
  /** 本报记者 X Y: names with internal spaces removed. */
  reporters: string[];
  /** 新华社北京3月5日电 → '新华社'; null when absent. */
  wire?: string;
  /** Spans of metadata values in Document.text (for provenance), keyed by field, e.g. reporters → one span per name. */
  spans: Partial<Record<'title' | 'originalTitle' | 'source' | 'publisher' | 'published' | 'reporters' | 'wire', Span[]>>;
}

/** What decoding replaced with U+FFFD: broken byte sequences and stray control bytes (offsets unchanged). */
export interface DecodingDamage {
  /** All replacements: invalidSequences + controlCharacters. */
  replaced: number;
  invalidSequences: number;
  controlCharacters: number;
  /** Code-point offset of the first replacement in the decoded input. */
  firstOffset: number;
}

/** What layout set aside and did not analyse, counted so that no text disappears silently. */
export interface DroppedText {
  /** Lines taken as page furniture (navigation, widgets, related-article lists, repeats), and their characters. */
  furnitureLines: number;
  furnitureCharacters: number;
  /** Of those, lines dropped because the file prints the same text again (several copies of one article). */
  repeatedLines: number;
  repeatedCharacters: number;
  /** Body sentences skipped because the same sentence was already taken. */
  repeatedSentences: number;
}

export interface Document {
  /** Stable id: file base name without extension, sanitized for IRIs (e.g. `000_e65d613101e172c6`). */
  id: string;
  /** Path as given on the command line. */
  path: string;
  encoding: Encoding;
  format: InputFormat;
  /** Analyzable text. For plain text it is the decoded input itself (minus a BOM); for HTML the visible text. */
  text: string;
  /** The decoded input, kept only when it differs from `text` (HTML), so offsets can be counted in its code points. */
  input?: string;
  /** sourceOffsets[i] = offset in the decoded input of text[i]; length text.length + 1. Null means identity. */
  sourceOffsets: Int32Array | null;
  meta: ArticleMeta;
  /** Spans of page furniture (navigation, 字号, 微信分享, duplicate title blocks, 相关文章 list) excluded from analysis. */
  furniture: Span[];
  /** Sentences of the body and of the metadata lines, in text order, furniture excluded. */
  sentences: Sentence[];
  /** Set when the input was damaged and decoded with replacements. */
  damage?: DecodingDamage;
  /** What was not analysed; absent only on Documents made by hand. */
  dropped?: DroppedText;
}

// ---------------------------------------------------------------- recognize

export type EntityType = 'Person' | 'Place' | 'Organization' | 'Program';
export type MentionType = EntityType | 'Title';
export type PlaceLevel = 'Province' | 'Prefecture' | 'County' | 'Township' | 'Village' | 'Settlement';

export interface Mention extends Span {
  type: MentionType;
  /** Document.text.slice(start, end). */
  text: string;
  /** Index of the sentence that contains it. */
  sentence: number;
  /** What proposed it: the statistical labeler, a lexicon/gazetteer, a pattern, or the metadata block. */
  source: 'model' | 'lexicon' | 'pattern' | 'meta';
  /** For places, the level read from the suffix or the gazetteer. */
  level?: PlaceLevel;
  /** The labeler's probability of exactly this span and type, where the labeler proposed it. */
  confidence?: number;
  /** Below the graph's threshold (data/models/thresholds.json): a mention for `xckg recognize`, but no node. */
  tentative?: boolean;
}

// ---------------------------------------------------------------- link

/** Subclasses in the ontology below the four top types (local names in the xc: namespace). */
export type OrgKind =
  | 'GovernmentAgency'
  | 'PartyOrganization'
  | 'WorkTeam'
  | 'MediaOrganization'
  | 'Company'
  | 'Cooperative'
  | 'EducationalInstitution'
  | 'ResearchInstitute'
  | 'SocialOrganization';

export interface Entity {
  /** Stable key, unique within an article before merging and globally after: also the IRI local part. */
  key: string;
  type: EntityType;
  /** Place level or organization kind, if known. */
  subtype?: PlaceLevel | OrgKind;
  /** Canonical name: full name with level suffix and explicit territory (河曲县民政和人力资源社会保障局). */
  name: string;
  /** Other surface forms seen in the text (山西, 县民政和人力资源社会保障局). */
  aliases: string[];
  mentions: Mention[];
  /** Statistical division code from the gazetteer, unpadded as the gazetteer gives it (14, 1409, 140930…). */
  divisionCode?: string;
  /** True for places added only because the gazetteer says they are a parent; not mentioned in the article. */
  fromGazetteer?: boolean;
}

// ---------------------------------------------------------------- relate

export type RelationType = 'locatedIn' | 'partOf' | 'spouse' | 'assists' | 'residesIn' | 'memberOf';

export interface Relation {
  type: RelationType;
  /** Entity keys. */
  subject: string;
  object: string;
  /** Where the fact comes from: a sentence of the article, or the gazetteer's hierarchy. */
  source: 'text' | 'gazetteer';
  /** Sentence index (in Document.sentences) of the evidence when source is 'text'. */
  sentence?: number;
}

/** One title held by one person: 党组书记、局长 gives two. */
export interface Position {
  holder: string;
  /** Title text without the organization prefix (局长, 驻村工作队队长). */
  title: string;
  /** Entity key of the organization or territory the title is held at. */
  organization?: string;
  sentence: number;
  /** Span of the title in Document.text. */
  span: Span;
}

/** Everything extracted from one article: the output of the pure per-article function. */
export interface ArticleGraph {
  doc: Document;
  entities: Entity[];
  relations: Relation[];
  positions: Position[];
}

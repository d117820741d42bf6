// **places** builds the locatedIn hierarchy: chains the text prints (河曲县巡镇河南村) win; the gazetteer fills in
// the parents the text leaves out, adding unmentioned ancestors as places of their own.
import type { Document, Entity, Relation, PlaceLevel } from '../types.ts';
import type { Gazetteer } from '../gazetteer/index.ts';
import type { Linked, RecognizedMention } from '../link/index.ts';
import { levelRank } from '../recognize/places.ts';

interface Item {
  m: RecognizedMention;
  key?: string;
  type: RecognizedMention['type'];
}

export function placeHierarchy(doc: Document, items: Item[], linked: Linked, byKey: Map<string, Entity>, gaz: Gazetteer): { relations: Relation[]; added: Entity[] } {
  const relations: Relation[] = [];
  const added = new Map<string, Entity>();
  const places = linked.entities.filter((e) => e.type === 'Place');
  const rank = (e: Entity) => levelRank(e.subtype as PlaceLevel);

  // The place printed right before each place mention, when it is of a higher level.
  const printedParent = new Map<string, { key: string; sentence: number }>();
  for (let i = 1; i < items.length; i++) {
    const cur = items[i];
    if (cur.type !== 'Place' || !cur.key || printedParent.has(cur.key)) continue;
    for (let j = i - 1; j >= 0; j--) {
      const prev = items[j];
      if (prev.m.end > cur.m.start) continue;
      if (prev.m.end !== cur.m.start || prev.type !== 'Place' || !prev.key) break;
      if (rank(byKey.get(prev.key)!) < rank(byKey.get(cur.key)!)) printedParent.set(cur.key, { key: prev.key, sentence: cur.m.sentence });
      break;
    }
  }

  const ensure = (code: string): string => {
    const key = `place/${code}`;
    if (!byKey.has(key) && !added.has(key)) {
      const d = gaz.byCode(code)!;
      added.set(key, { key, type: 'Place', subtype: d.level, name: d.name, aliases: [], mentions: [], divisionCode: d.code, fromGazetteer: true });
      if (d.parent) {
        relations.push({ type: 'locatedIn', subject: key, object: ensure(d.parent), source: 'gazetteer' });
      }
    }
    return key;
  };

  for (const p of places) {
    const printed = printedParent.get(p.key);
    if (p.divisionCode) {
      const d = gaz.byCode(p.divisionCode);
      const printedEntity = printed ? byKey.get(printed.key) : undefined;
      if (printed && printedEntity?.divisionCode && d?.parent === printedEntity.divisionCode) {
        relations.push({ type: 'locatedIn', subject: p.key, object: printed.key, source: 'text', sentence: printed.sentence });
        continue;
      }
      if (printed && printedEntity?.divisionCode && !gaz.isAncestor(printedEntity.divisionCode, p.divisionCode)) {
        // The text prints another parent than the gazetteer's snapshot (merged or re-parented since): the text wins.
        relations.push({ type: 'locatedIn', subject: p.key, object: printed.key, source: 'text', sentence: printed.sentence });
        continue;
      }
      if (d?.parent) relations.push({ type: 'locatedIn', subject: p.key, object: ensure(d.parent), source: 'gazetteer' });
      continue;
    }
    // Not in the gazetteer: the parent chosen when it was linked (its key carries the parent's code), else the printed one.
    // (An article id may also start with digits and a dash: only a code the gazetteer knows is a parent.)
    const code = /^place\/(\d+)-/.exec(p.key)?.[1];
    const parentKey = printed?.key ?? (code && gaz.byCode(code) ? ensure(code) : undefined);
    if (parentKey) relations.push({ type: 'locatedIn', subject: p.key, object: parentKey, source: 'text', sentence: p.mentions[0].sentence });
  }
  void doc;
  return { relations, added: [...added.values()] };
}

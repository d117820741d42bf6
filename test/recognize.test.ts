// The recognizer's reading of place chains and of names the labeler leads on.
import { describe, expect, it } from 'vitest';
import { recognizeText } from '../src/recognize/text.ts';
import { loadGazetteer } from '../src/link/gazetteer.ts';

const spans = (text: string, type: string) => recognizeText(text).filter((m) => m.type === type).map((m) => text.slice(m.start, m.end));

describe('place chains', () => {
  it('reads a county and a township the gazetteer files under the county name (濮阳县庆祖镇) as two places', () => {
    expect(loadGazetteer().lookup('庆祖镇').map((d) => d.code)).toContain('410928103');
    expect(spans('河南濮阳市濮阳县庆祖镇西辛庄村，旧房改造工地一派繁忙。', 'Place')).toEqual(['河南', '濮阳市', '濮阳县', '庆祖镇', '西辛庄村']);
  });
  it('keeps a township whose last character starts a word with what follows, when its own village follows', () => {
    // 镇西 is a dictionary word; 西辛庄村 is a village of 庆祖镇.
    expect(spans('濮阳县庆祖镇西辛庄村。', 'Place')).toEqual(['濮阳县', '庆祖镇', '西辛庄村']);
  });
});

describe('names the labeler leads on', () => {
  it('finds a name with no title or cue word beside it', () => {
    expect(spans('一番话让艾则孜很是无奈，艾则孜说，这是责任。', 'Person')).toContain('艾则孜');
  });
  it('reads a name glued to the verb after it without the verb', () => {
    const names = spans('古海银向记者介绍了非遗技艺。古海银说，要传下去。', 'Person');
    expect(names).toContain('古海银');
    for (const name of names) expect(name).toBe('古海银');
  });
});

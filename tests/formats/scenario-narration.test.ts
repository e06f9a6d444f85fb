import { describe, expect, it } from 'vitest';
import { narrationText, parseNarration } from '../../src/formats/scenario-narration.ts';

describe('parseNarration', () => {
  it('splits bold and code from text', () => {
    expect(parseNarration('Use **Fargate** with `awsvpc`.')).toEqual([
      { kind: 'text', text: 'Use ' },
      { kind: 'strong', text: 'Fargate' },
      { kind: 'text', text: ' with ' },
      { kind: 'code', text: 'awsvpc' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps HTML as literal text (it is never interpreted)', () => {
    expect(parseNarration('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });

  it('keeps unclosed markers literally and markup inside code literally', () => {
    expect(parseNarration('a ** b ` c')).toEqual([{ kind: 'text', text: 'a ** b ` c' }]);
    expect(parseNarration('`**x**`')).toEqual([{ kind: 'code', text: '**x**' }]);
  });

  it('round-trips to plain text without markers', () => {
    expect(narrationText(parseNarration('**a** `b` c'))).toBe('a b c');
  });
});

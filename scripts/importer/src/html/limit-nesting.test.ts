import { describe, expect, it } from 'vitest';
import { limitNesting, MAX_OPEN_ELEMENTS } from './limit-nesting.ts';

describe('limitNesting', () => {
  it('leaves ordinary HTML exactly as it is', () => {
    const html = '<p>a<p>b<ul><li>c<li>d</ul><table><tr><td>e<td>f</table><img src="x"><br><!-- <div><div> -->';
    expect(limitNesting(html)).toBe(html);
  });

  it('does not count implied ends: 10,000 unclosed <p>, <li> and <td> stay', () => {
    for (const html of ['<p>x'.repeat(10_000), `<ul>${'<li>x'.repeat(10_000)}</ul>`, `<table><tr>${'<td>x'.repeat(10_000)}</table>`]) {
      expect(limitNesting(html)).toBe(html);
    }
  });

  it('removes the tags (not the text) nested deeper than the limit, and their end tags', () => {
    const depth = MAX_OPEN_ELEMENTS + 10;
    const out = limitNesting(`${'<div>'.repeat(depth)}tekst${'</div>'.repeat(depth)}<p>po</p>`);
    expect(out.match(/<div>/g)).toHaveLength(MAX_OPEN_ELEMENTS);
    expect(out.match(/<\/div>/g)).toHaveLength(MAX_OPEN_ELEMENTS);
    expect(out).toContain('tekst');
    expect(out.endsWith('<p>po</p>')).toBe(true);
  });

  it('never removes a script or style tag (their text would show)', () => {
    const out = limitNesting(`${'<b>'.repeat(MAX_OPEN_ELEMENTS + 5)}<script>alert("<div>")</script><style>p{}</style>`);
    expect(out).toContain('<script>alert("<div>")</script>');
    expect(out).toContain('<style>p{}</style>');
  });
});

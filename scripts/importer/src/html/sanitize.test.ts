import { describe, expect, it } from 'vitest';
import { convertBody } from './convert.ts';
import { convertValid, joomla, paragraph, text, wordpress } from './test-helpers.ts';

// Hostile markup in an old body: nothing executable or styled reaches the blocks.

const hostile = [
  '<p onclick="steal()" style="color:red">Tekst <script>document.write("skrypt")</script>akapitu</p>',
  '<style>p { display: none }</style><noscript>bez skryptu</noscript>',
  '<a href="javascript:alert(1)" onmouseover="x()">odnośnik</a> <a href=" JaVaScRiPt:alert(2)">drugi</a> <a href="java&#x09;script:alert(3)">trzeci</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">dane</a> <a href="vbscript:x">vb</a>',
  '<img src="x.jpg" onerror="alert(4)" alt="obraz"> <img src="javascript:alert(5)" alt="zły">',
  '<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="y.swf"><form><input value="pole"><button>Wyślij</button></form>',
  '<svg><script>alert(6)</script><text>napis svg</text></svg><math><mi>x</mi></math>',
  '<template><p>szablon</p></template><textarea>pole tekstowe</textarea><select><option>opcja</option></select>',
].join('\n\n');

describe('sanitizing', () => {
  for (const options of [wordpress, joomla]) {
    it(`keeps no script, style, handler or unsafe link (${options.system})`, () => {
      const body = convertValid(hostile, options);
      const json = JSON.stringify(body.nodes);
      for (const bad of ['skrypt', 'alert', 'display', 'onclick', 'onerror', 'onmouseover', 'steal', 'javascript', 'vbscript', 'data:', 'evil', 'swf', 'napis svg', 'szablon', 'pole', 'opcja', 'Wyślij', 'bez skryptu']) {
        expect(json.toLowerCase()).not.toContain(bad.toLowerCase());
      }
      expect(json).toContain('Tekst akapitu');
      expect(json).toContain('odnośnik');
      const links = [...json.matchAll(/"url":"([^"]*)"/g)].map((m) => m[1]!);
      for (const url of links) expect(url).toMatch(/^(https?:|mailto:|tel:)/);
    });
  }

  it('turns the hostile links into their text', () => {
    expect(convertValid('<p><a href="javascript:alert(1)">odnośnik</a> <a href="java&#x09;script:alert(3)">trzeci</a></p>', joomla).nodes).toEqual([
      paragraph(text('odnośnik trzeci')),
    ]);
  });

  it('warns about what a reader saw and is gone (frames, objects, forms), not about scripts and styles', () => {
    const codes = convertBody('<script>x()</script><style>p{}</style><iframe src="https://www.google.com/maps/embed?pb=1"></iframe><object data="/a.swf"></object>', joomla).warnings;
    expect(codes.map((w) => w.message.split(' ')[0])).toEqual(['Osadzona', 'Osadzony']);
  });

  it('keeps only the link address, no other attribute', () => {
    const body = convertValid('<p><a href="https://www.gov.pl/" target="_blank" rel="noopener" class="x" title="Rząd">gov.pl</a></p>', joomla);
    expect(body.nodes).toEqual([paragraph({ type: 'link', url: 'https://www.gov.pl/', children: [text('gov.pl')] })]);
  });
});

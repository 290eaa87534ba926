import { describe, expect, it } from 'vitest';
import type { InlineNode } from '@cus/shared';
import { markdownToBlocks } from '@cus/shared/blocks';
import { previewEvent } from '../src/loader/preview.ts';

// A draft event as the preview server shows it: the body as the CMS rendered it, or rendered here
// when it arrives as blocks (a body the CMS's renderer refused is sent as it is stored).

const text = (t: string) => ({ type: 'text' as const, text: t });
const paragraph = (...children: InlineNode[]) => ({ type: 'paragraph' as const, children });
const link = (url: string, t: string): InlineNode => ({ type: 'link', url, children: [text(t)] });

describe('previewEvent', () => {
  it('lets the draft preview show a draft beyond the limits as plain text instead of failing', () => {
    const draft = { title: 'Szkic', dates: [{ start: '2026-12-07' }], body: [paragraph(text('Wstęp')), paragraph(link('javascript:alert(1)', 'kliknij <b>tu</b>'))] };
    expect(previewEvent(draft).bodyHtml).toBe('<p>Wstęp</p>\n<p>kliknij &lt;b&gt;tu&lt;/b&gt;</p>');
    expect(previewEvent({ ...draft, body: markdownToBlocks('## Program\n\nTreść **szkicu**.') }).bodyHtml).toContain('<strong>szkicu</strong>');
  });


  it('shows the HTML the CMS rendered as it came', () => {
    const draft = { title: 'Szkic', dates: [{ start: '2026-12-07' }], bodyHtml: '<p>Z CMS-a</p>' };
    expect(previewEvent(draft).bodyHtml).toBe('<p>Z CMS-a</p>');
  });
});

import { linkParagraph } from './html-text.ts';

// Classic WordPress content embeds an address that stands alone on its line (a film, a post of
// a social site); the new body has no embeds, so it becomes a link of its own paragraph.
// Block-editor content has wp:embed blocks instead (wordpress-blocks.ts).

const URL_LINE = /^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm;

export const autoembedLinks = (html: string) => (html.includes('http') ? html.replace(URL_LINE, (_line, url: string) => linkParagraph(url)) : html);

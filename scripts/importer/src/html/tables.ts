import type { Element, ElementContent } from 'hast';
import { element, someDescendant, textOf } from './hast-text.ts';
import { quote, type Warnings } from './warnings.ts';

// Blocks have no tables. A table becomes one paragraph per row, its non-empty cells joined by
// " | "; a header row (in <thead>, or all <th>) is bold, so "Godzina | Temat" reads as the heading
// of the rows under it. A row whose cells hold blocks (paragraphs, lists) gives each cell its own
// block instead. Layout tables of one column become plain paragraphs, without a warning.

const BLOCK_IN_CELL = new Set(['p', 'div', 'ul', 'ol', 'dl', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'figure', 'pre', 'section']);

const cellsOf = (row: Element) => row.children.filter((c): c is Element => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));

const hasContent = (cell: Element) => textOf(cell, 10) !== '' || someDescendant(cell, (d) => d.tagName === 'img');

/** The rows of a table (not of tables inside its cells), with whether each is a header row. */
function rowsOf(table: Element): { row: Element; header: boolean }[] {
  const rows: { row: Element; header: boolean }[] = [];
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'tr') rows.push({ row: child, header: false });
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const tr of child.children) {
        if (tr.type === 'element' && tr.tagName === 'tr') rows.push({ row: tr, header: child.tagName === 'thead' });
      }
    }
  }
  for (const r of rows) {
    const cells = cellsOf(r.row);
    if (!r.header && cells.length > 0 && cells.every((c) => c.tagName === 'th')) r.header = true;
  }
  return rows;
}

/** The blocks that stand for the table, still to be sanitized. */
export function tableToBlocks(table: Element, warnings: Warnings): Element[] {
  const out: Element[] = [];
  const caption = table.children.find((c): c is Element => c.type === 'element' && c.tagName === 'caption');
  if (caption) out.push(element('p', caption.children));
  let multiColumn: string | undefined;
  for (const { row, header } of rowsOf(table)) {
    const cells = cellsOf(row).filter(hasContent);
    if (cells.length === 0) continue;
    if (cells.length > 1 && multiColumn === undefined) multiColumn = cells.map((c) => textOf(c, 60)).join(' | ');
    const blocky = cells.some((cell) => someDescendant(cell, (d) => BLOCK_IN_CELL.has(d.tagName)));
    if (blocky) {
      for (const cell of cells) out.push(element('div', cell.children));
      continue;
    }
    const children: ElementContent[] = [];
    cells.forEach((cell, k) => {
      if (k > 0) children.push({ type: 'text', value: ' | ' });
      children.push(...cell.children);
    });
    out.push(element('p', header ? [element('strong', children)] : children));
  }
  if (multiColumn !== undefined) {
    warnings.add(
      'content_dropped',
      `Tabela zamieniona na akapity (każdy wiersz to akapit, komórki rozdzielone „ | ”): ${quote(multiColumn)} — sprawdź, czy czyta się dobrze`,
    );
  }
  return out;
}

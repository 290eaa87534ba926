import fs from 'node:fs';
import { once } from 'node:events';

// A large WXR 1.2 export made on the fly, for the streaming test and the bench: attachments
// first (as WordPress writes them), then published posts with classic-editor bodies in Polish
// until the file reaches the size asked for; every tenth post is a draft. Written through a
// stream with backpressure, so making a 200 MB file takes no more memory than reading it.

export interface GenerateExportOptions {
  /** Stop adding posts once the file is at least this big. */
  targetBytes: number;
  /** The site's address (default https://cus.generated.example). */
  siteUrl?: string;
  /** Approximate body size of each post (default 24 kB). */
  bodyBytes?: number;
  attachments?: number;
}

export interface GeneratedExport {
  file: string;
  bytes: number;
  /** Published posts (importable items). */
  published: number;
  drafts: number;
  attachments: number;
}

const SENTENCES = [
  'W dniu 23 listopada 2023 roku odbyła się uroczysta konferencja podsumowująca dwuletnią działalność Centrum Usług Społecznych Gminy Dębica.',
  'Konferencja rozpoczęła się od oficjalnego przywitania licznie zgromadzonych gości przez Dyrektora CUS Piotra Mączkę.',
  'W dniach 19–21 i 26 czerwca 2023 r. w Centrum Usług Społecznych w Bukowsku odbyły się wizyty studyjne dla studentów z województwa podkarpackiego.',
  'We wtorek 21 czerwca br. rozpoczął się drugi już Kongres Centrów Usług Społecznych w starachowickim Hotelu Europa.',
  'W dniu 10 lutego 2020 r. Regionalny Ośrodek Polityki Społecznej w Rzeszowie zorganizował regionalną konferencję.',
  'W konferencji uczestniczyło około 140 osób, głównie przedstawiciele samorządów oraz jednostek pomocy społecznej.',
  'Uczestnicy mieli okazję do nieformalnych rozmów, wymiany doświadczeń i nawiązania nowych kontaktów – „to dobro wspólne”.',
];

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A WordPress date "YYYY-MM-DD HH:MM:SS" some days after 2019-01-01 09:00 UTC. */
function wpDate(dayOffset: number, hourShift = 0): string {
  const d = new Date(Date.UTC(2019, 0, 1, 9 + hourShift) + dayOffset * 86_400_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

function body(index: number, bytes: number, attachments: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let p = 0; size < bytes; p += 1) {
    const sentence = SENTENCES[(index + p) % SENTENCES.length]!;
    const paragraph = p % 7 === 3 ? `<h2>Część ${p} relacji nr ${index}</h2>` : `<p>${sentence} (relacja ${index}, akapit ${p}&nbsp;&ndash; &#8222;${index}&#8221;)</p>`;
    parts.push(paragraph);
    size += Buffer.byteLength(paragraph) + 1;
  }
  if (attachments > 0) parts.push(`[gallery ids="${(index % attachments) + 1},${((index + 1) % attachments) + 1}"]`);
  return parts.join('\n');
}

function thumbnail(attachmentId: number): string {
  return `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(String(attachmentId))}</wp:meta_value>\n\t\t</wp:postmeta>\n`;
}

export async function generateWordPressExport(file: string, options: GenerateExportOptions): Promise<GeneratedExport> {
  const site = (options.siteUrl ?? 'https://cus.generated.example').replace(/\/+$/, '');
  const bodyBytes = options.bodyBytes ?? 24_000;
  const attachmentCount = options.attachments ?? 20;
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };

  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
\t<title>Wygenerowany eksport CUS</title>
\t<link>${site}</link>
\t<description>Eksport testowy</description>
\t<language>pl-PL</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${site}</wp:base_site_url>
\t<wp:base_blog_url>${site}</wp:base_blog_url>
`);
  for (let a = 1; a <= attachmentCount; a += 1) {
    await write(`\t<item>
\t\t<title>${cdata(`Zdjęcie ${a}`)}</title>
\t\t<link>${site}/zdjecie-${a}/</link>
\t\t<guid isPermaLink="false">${site}/wp-content/uploads/2019/01/zdjecie-${a}.jpg</guid>
\t\t<excerpt:encoded>${cdata(`Podpis zdjęcia ${a}`)}</excerpt:encoded>
\t\t<wp:post_id>${a}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(0, 1))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(0))}</wp:post_date_gmt>
\t\t<wp:status>${cdata('inherit')}</wp:status>
\t\t<wp:post_type>${cdata('attachment')}</wp:post_type>
\t\t<wp:attachment_url>${cdata(`${site}/wp-content/uploads/2019/01/zdjecie-${a}.jpg`)}</wp:attachment_url>
\t\t<wp:postmeta>
\t\t\t<wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key>
\t\t\t<wp:meta_value>${cdata(`Uczestnicy konferencji, zdjęcie ${a}`)}</wp:meta_value>
\t\t</wp:postmeta>
\t</item>
`);
  }
  let published = 0;
  let drafts = 0;
  for (let i = 0; bytes < options.targetBytes; i += 1) {
    const id = attachmentCount + 1 + i;
    const draft = i % 10 === 9;
    if (draft) drafts += 1;
    else published += 1;
    await write(`\t<item>
\t\t<title>${cdata(`Relacja nr ${i}: konferencja CUS`)}</title>
\t\t<link>${site}/${wpDate(i).slice(0, 10).replaceAll('-', '/')}/relacja-${i}/</link>
\t\t<pubDate>Tue, 01 Jan 2019 09:00:00 +0000</pubDate>
\t\t<dc:creator>${cdata('redakcja')}</dc:creator>
\t\t<guid isPermaLink="false">${site}/?p=${id}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(body(i, bodyBytes, attachmentCount))}</content:encoded>
\t\t<excerpt:encoded>${cdata('')}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(i, 1))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(draft ? '0000-00-00 00:00:00' : wpDate(i))}</wp:post_date_gmt>
\t\t<wp:post_name>${cdata(`relacja-${i}`)}</wp:post_name>
\t\t<wp:status>${cdata(draft ? 'draft' : 'publish')}</wp:status>
\t\t<wp:post_type>${cdata('post')}</wp:post_type>
\t\t<category domain="category" nicename="relacje">${cdata('Relacje')}</category>
${attachmentCount > 0 ? thumbnail((i % attachmentCount) + 1) : ''}\t</item>
`);
  }
  await write('</channel>\n</rss>\n');
  out.end();
  await once(out, 'finish');
  return { file, bytes, published, drafts, attachments: attachmentCount };
}

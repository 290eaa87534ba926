import type { APIContext, GetStaticPaths } from 'astro';
import { EVENT_TYPE_LABELS, formatDateRanges } from '@cus/shared';
import { getEvents, getSettings } from '../../lib/content';
import { placeLabel } from '../../lib/format';
import { digestOf } from '../../lib/listing';
import { OG_TEMPLATE_VERSION, renderOgCard, type CardText } from '../../lib/og-image';

// /og/<slug>.png: the share card of each event. Its key is the text drawn on it, so an
// unchanged event keeps its card from the last build instead of drawing it again.
export const getStaticPaths = (async () => {
  const { siteName } = await getSettings();
  return (await getEvents()).map((event) => {
    const card: CardText = { site: siteName, kind: EVENT_TYPE_LABELS[event.type], title: event.title, when: formatDateRanges(event.dates), where: placeLabel(event) };
    return { params: { slug: event.slug }, props: { card }, cacheKey: digestOf('og', OG_TEMPLATE_VERSION, card) };
  });
}) satisfies GetStaticPaths;

export async function GET({ props }: APIContext) {
  const { card } = props as { card: CardText };
  return new Response(await renderOgCard(card), { headers: { 'content-type': 'image/png' } });
}

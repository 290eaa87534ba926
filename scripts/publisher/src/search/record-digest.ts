import { createHash } from 'node:crypto';
import type { SearchRecord } from '@cus/site/search-records';

/** A digest of everything a record gives the index: equal digests, equal search results. */
export const recordDigest = (record: SearchRecord): string => createHash('sha256').update(JSON.stringify(record)).digest('base64url').slice(0, 22);

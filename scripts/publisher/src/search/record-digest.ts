import { hash } from 'node:crypto';
import type { SearchRecord } from '@cus/site/search-records';

/** A digest of everything a record gives the index: equal digests, equal search results. */
export const recordDigest = (record: SearchRecord): string => hash('sha256', JSON.stringify(record), 'base64url').slice(0, 22);

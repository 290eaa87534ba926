/**
 * A copy of a string that holds no other: a match or slice out of a page is a view of the whole
 * page's text (V8's sliced strings), so one kept in a long-lived map or record would keep the
 * page alive with it (the record of 27,000 pages held ~300 MB of HTML that way).
 */
export const ownString = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');

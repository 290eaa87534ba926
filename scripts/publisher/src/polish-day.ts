const format = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' });

/**
 * Today in Poland, 'YYYY-MM-DD' (as the site's todayInPoland): what "upcoming" means on the
 * pages, so a new day changes them even when the content did not.
 */
export const polishDay = (now: Date | number = Date.now()): string => format.format(now);

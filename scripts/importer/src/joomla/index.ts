// The Joomla (Web Services API) reader: see read-articles.ts.
export { readJoomlaArticles, type ReadJoomlaOptions, type JoomlaArticles } from './read-articles.ts';
export { JoomlaApiError } from './api-client.ts';
export { joomlaImageUrl } from './article-entry.ts';

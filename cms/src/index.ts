import type { Core } from '@strapi/strapi';
import { registerValidationMiddleware } from './document-middlewares/validation';
import { registerDateTimeValuesMiddleware } from './middlewares/date-time-values/register';
import { registerSlugMiddleware } from './document-middlewares/slugs';
import { backfillEventStart, registerEventStartMiddleware } from './document-middlewares/event-start';
import { registerGalleryFollowsEventMiddleware } from './document-middlewares/gallery-follows-event';
import { backfillRowSummaries, registerRowSummariesMiddleware } from './document-middlewares/row-summaries';
import { ensureEditorRoles } from './bootstrap/editor-roles';
import { applyLayouts } from './bootstrap/content-manager-layouts';
import { lockDownPublicRole } from './bootstrap/public-role';
import { ensureLocalAdmin } from './bootstrap/local-admin';
import { ensureRebuildWebhook } from './bootstrap/rebuild-webhook';
import { applyPolishLabels } from './bootstrap/content-manager-labels';
import { seedIfEmpty } from './seed/import';
import { registerPublishStatusRoute } from './publish-status/route';
import { registerImportRoutes } from './import/routes';
import { registerShareCardsMiddleware } from './share-cards/middleware';
import { shareCardsOf } from './share-cards/service';
import { tuneDatabase, type DatabaseTuning } from './bootstrap/database-tuning';
import { forgetUnpublishedRecords } from './export-records/records';

let tuning: DatabaseTuning | undefined;

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // Validation first: a refused write must not even reserve a slug.
    registerValidationMiddleware(strapi);
    registerDateTimeValuesMiddleware(strapi);
    registerSlugMiddleware(strapi);
    registerEventStartMiddleware(strapi);
    registerGalleryFollowsEventMiddleware(strapi);
    registerRowSummariesMiddleware(strapi);
    registerShareCardsMiddleware(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    tuning = await tuneDatabase(strapi);
    await lockDownPublicRole(strapi);
    await ensureLocalAdmin(strapi);
    await ensureEditorRoles(strapi);
    await applyPolishLabels(strapi);
    await applyLayouts(strapi);
    await seedIfEmpty(strapi);
    await backfillEventStart(strapi);
    await backfillRowSummaries(strapi);
    // After the seed: a first start's import should not send one notification per entry.
    await ensureRebuildWebhook(strapi);
    registerPublishStatusRoute(strapi);
    registerImportRoutes(strapi);
    // In the background: cards missing for published events (first start, a crash, a new template).
    shareCardsOf(strapi).start();
    // In the background: kept export records of entries no longer published.
    void forgetUnpublishedRecords(strapi)
      .then((n) => n > 0 && strapi.log.info(`[site-export] ${n} kept export record(s) of unpublished or deleted entries removed`))
      .catch((err: Error) => strapi.log.warn(`[site-export] kept export records could not be cleaned up: ${err.message}`));
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    // Running jobs finish before the database closes.
    tuning?.stop();
    await shareCardsOf(strapi).stop();
  },
};

// The banner over every page, "Biblioteka mediów ma nowy wygląd", links to an English post on
// Strapi's blog, and comes back in every new browser and after each Strapi upgrade until closed.
// Strapi has no setting for it: it shows unless localStorage holds its "dismissed" flag, under a
// key that carries the project's id (STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_<flag>:<uuid>),
// known only after the admin's first request. So reads of that one family of keys answer
// "dismissed"; every other key is read as before.
// (On the prototype: a Storage object turns any property set on it into a stored item.)

const BANNER_KEY = /^STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_/;

export function dismissMediaLibraryBannerForGood() {
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (this: Storage, key: string) {
    return BANNER_KEY.test(String(key)) ? 'true' : getItem.call(this, key);
  };
}

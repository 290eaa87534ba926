// The public site has no sign-up: the users-permissions "User" type (Użytkownik) holds nothing an
// editor writes, so it is kept out of the content manager's menu. Admin accounts live in
// Ustawienia → Użytkownicy, which this does not touch.
interface UsersPermissionsPlugin {
  contentTypes: Record<string, { schema: { pluginOptions?: Record<string, Record<string, unknown>> } }>;
}

export default (plugin: UsersPermissionsPlugin) => {
  const user = plugin.contentTypes.user;
  if (user) {
    user.schema.pluginOptions = {
      ...user.schema.pluginOptions,
      'content-manager': { ...user.schema.pluginOptions?.['content-manager'], visible: false },
    };
  }
  return plugin;
};

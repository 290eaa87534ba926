import { vitestPreset } from '@cus/testing/vitest-preset';

export default vitestPreset({ name: 'import', cmsTemplate: true });

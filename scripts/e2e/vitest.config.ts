import { vitestPreset } from '@cus/testing/vitest-preset';

export default vitestPreset({ name: 'e2e', cmsTemplate: true });

import { withImageVariants } from '../../images/upload-plugin';

// Strapi calls this with the upload plugin before registering it: responsive image variants
// made at upload time (src/images/).
export default withImageVariants;

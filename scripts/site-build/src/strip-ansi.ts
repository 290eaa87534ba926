// Terminal colour codes (ESC [ … m) out of a build log, before its lines are read.
// eslint-disable-next-line no-control-regex -- colour codes are what we remove
export const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

// Where a checked build goes live. Each target makes the switch all or nothing: until deploy()
// resolves, visitors see the previous release; if it throws, they still do.

export interface DeployResult {
  /** Name of the release now live. */
  release: string;
  /** Files written or uploaded, and removed (targets that sync). */
  uploaded?: number;
  deleted?: number;
}

export interface DeployTarget {
  readonly name: string;
  /** A new, empty folder to build the next release into. */
  prepare(): Promise<string>;
  /** Makes the build in `dir` (from prepare()) live. */
  deploy(dir: string): Promise<DeployResult>;
  /** Throws away a build that failed or did not pass its checks. */
  discard(dir: string): Promise<void>;
}

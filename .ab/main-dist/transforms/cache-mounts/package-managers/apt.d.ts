import { type PackageManager } from '../package-manager.js';
/**
 * Debian's and Ubuntu's images delete downloaded .debs after every apt run (docker-clean's
 * Post-Invoke hooks). The setup turns that off for this RUN only: a file that clears the hooks
 * (and makes `apt` keep downloads, as apt-get already does), removed by a trap when the RUN's
 * shell exits, whatever its exit status. The image's apt configuration stays as it was, so later
 * RUNs without a mount and containers of the image still clean up.
 */
export declare function keepDownloadsSetup(aptBinary: boolean): string;
/** The Debian or Ubuntu release an image is built on, when its name says so. */
export declare function distributionRelease(image: string): string | undefined;
export declare const apt: PackageManager;

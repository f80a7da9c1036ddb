import type { DeviceClass } from "./events";

/**
 * The device class from the User-Agent, by the tokens browsers and in-app browsers send.
 * Tablets first: an iPad or an Android device without "Mobile" is a tablet (Android's own
 * convention). iPadOS Safari asks for desktop sites with a Mac User-Agent and is counted as
 * desktop: nothing in the request tells them apart.
 */
export function deviceClass(userAgent: string): DeviceClass {
  if (/\biPad\b|\bTablet\b(?! PC)|\bKindle\b|\bSilk\/|\bPlayBook\b/i.test(userAgent))
    return "tablet";
  if (/\bAndroid\b/i.test(userAgent)) return /\bMobile\b/i.test(userAgent) ? "mobile" : "tablet";
  if (
    /\biPhone\b|\biPod\b|\bMobi|\bWindows Phone\b|\bBlackBerry\b|\bOpera Mini\b/i.test(userAgent)
  ) {
    return "mobile";
  }
  if (
    /\bWindows NT\b|\bMacintosh\b|\bMac OS X\b|\bX11\b|\bCrOS\b|\bLinux x86_64\b/i.test(userAgent)
  ) {
    return "desktop";
  }
  return "unknown";
}

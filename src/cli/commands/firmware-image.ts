import type { FirmwareImageInfo } from '../../device/index';

export const FLASH_BYTES = 0x8000;

/** The flashing library, loaded when a firmware command runs. */
export const loadFlashModule = () => import('../../device/flash/index');

export function imageData(f: FirmwareImageInfo) {
  const sizes = f.shipped?.manifest.sizes;
  return {
    file: f.path,
    version: f.shipped?.manifest.version ?? f.version ?? null,
    profile: f.profileId,
    sha256: f.sha256,
    flashBytes: f.image.dataBytes,
    shipped: f.shipped?.id ?? null,
    ...(sizes ? { sizes } : {}),
  };
}

/** The image a command works on: --hex (checked to be ours), else the shipped one for `firmwareId`. */
export async function chooseImage(hex: string | undefined, firmwareId: string): Promise<FirmwareImageInfo> {
  const { inspectFirmwareHex, shippedFirmware } = await loadFlashModule();
  return inspectFirmwareHex(hex ?? shippedFirmware(firmwareId).hexPath);
}

import { decodeDataUri } from "../raster/mask_data_uri.ts";

/** A mask's PNG bytes: already bytes (taken out of their page early), or a data URI to decode. */
export function maskBytes(mask: unknown): Uint8Array {
  return mask instanceof Uint8Array ? mask : decodeDataUri(mask);
}

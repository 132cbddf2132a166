// lib/inert_text.ts
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
function inertText(value) {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text) && !text.trimStart().startsWith("::")) return text;
  return inertLine(JSON.stringify(text));
}
function inertLine(text) {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// lib/errors.ts
var MasksError = class extends Error {
  #text;
  /**
   * Creates an error with a message a user can act on.
   *
   * @param message A sentence naming the value at fault and the fix; the settings it names are
   * worded by each surface (see {@linkcode MasksError.render}).
   * @param options The underlying cause, if any.
   */
  constructor(message, options) {
    super(String(message), options);
    this.name = "MasksError";
    this.#text = message;
  }
  /**
   * The message with the settings it names in one surface's words: the command line renders
   * `outputFolder` as `--output-folder`, the Action as input `output-folder`.
   *
   * @param nameOf How that surface names a setting.
   * @returns The message.
   *
   * @example
   * ```ts
   * import { ConfigError } from "@lab/masks";
   *
   * const error = new ConfigError("The shard is malformed", { setting: "shard" });
   * console.log(error.render((setting) => `--${setting}`)); // "The shard is malformed"
   * ```
   */
  render(nameOf) {
    if (!(#text in this) || typeof this.#text === "string") return this.message;
    return this.#text.render(nameOf);
  }
};
var ConfigError = class extends MasksError {
  /**
   * The setting at fault, when there is one, by its canonical key: the library's option name in
   * camelCase (`"outputFolder"`, `"resume"`, a task filter's `"statusIn"`, a credential's
   * `"secretKey"`). Each surface words it its own way: `--output-folder`, input `output-folder`.
   */
  setting;
  /**
   * Creates a configuration error.
   *
   * @param message A sentence naming the setting at fault and the fix.
   * @param options The setting at fault and the underlying cause.
   */
  constructor(message, options) {
    super(message, options);
    this.name = "ConfigError";
    this.setting = options?.setting;
  }
};
var UnsafePathError = class extends ConfigError {
  /** The path at fault, as the export would have used it. */
  path;
  /**
   * Creates an unsafe-path error.
   *
   * @param path The path at fault.
   * @param reason Why it is refused, as a lower-case clause.
   * @param options The setting that led to it and the underlying cause.
   */
  constructor(path, reason, options) {
    super(`Refusing the path ${JSON.stringify(path)}: ${reason}`, options);
    this.name = "UnsafePathError";
    this.path = path;
  }
};
var PngError = class extends MasksError {
  /** The setting that would let the PNG be read (`"maxPixels"`), by its canonical key. */
  setting;
  /**
   * Creates a PNG error.
   *
   * @param message What is wrong with the PNG, as a lower-case clause that names no setting.
   * @param options The setting that would let the PNG be read, and the underlying cause.
   */
  constructor(message, options) {
    super(message, options);
    this.name = "PngError";
    this.setting = options?.setting;
  }
};

// lib/png/_kernels_wasm.ts
var KERNELS_WASM_BASE64 = [
  "AGFzbQEAAAABxAImYAd/f39/f39/AX9gC39/f39/f39/f39/AX9gBn9/f39/fwN7f39gBX9/f39/A3t/f2ABfwBgAAF/YAAA",
  "YAJ7fwBgBXt7e3t/AGADf39/AGACf38AYAF7AX5gBH9/f38Bf2AEf39/fwBgAn9/AX9gAX8Bf2AGf39/f39/AX9gBX9/f39/",
  "AX9gB39/f39/f38AYAV/f39/fwBgCH9/f39/f39/AGAGf39/f39/AGADf39/AX9gA39/fwN+fn9gAn5+AX9gAn5+AX5gAX8D",
  "f39/YAR+f39+A35/f2ACf38BfmADf39/AX5gCX9/f39/f39/fwF/YAx/f39/f39/f39/f38Bf2AKf39/f39/f39/fwBgCX9/",
  "f39/f39/fwBgBHt7e3sBe2ADe3t7AXtgDX9/f39/f39/f39/f38Bf2ADf397AX8DYF8AAQIDBAUGBwgJCQoLBAQMDQwOCQwN",
  "Dw0QERITFBUQEA0OABYWEBcYGRUVCRobHBwdERYADBEeDAwfDyAhFgkSDA4KCRUJEQ8BHhEAIiMAACQTExMTCgkWDCUMDhYW",
  "FgUDAQABBlQHewH9DAAAAAAAAAAAAAAAAAAAAAALewH9DAAAAAAAAAAAAAAAAAAAAAALewH9DAAAAAAAAAAAAAAAAAAAAAAL",
  "fgFCAAt+AUIAC34BQgELfgFCAAsHmwIVBm1lbW9yeQIACHVuZmlsdGVyAAANdHJhbnNjb2RlUm93cwABB3BhY2tSZ2IAGgpt",
  "YXBDb2xvdXJzABsGY2Vuc3VzABwIZmlsdGVyVXAAIAlza2lwWmVyb3MAIQlydW5Ub2tlbnMAIgx3cml0ZVN5bWJvbHMAJQxj",
  "b3VudFN5bWJvbHMAKQxkaWdlc3RQaWVjZXMAMwx1bmZpbHRlckZvcm0ANg91bmZpbHRlckNvbnZlcnQAOQlwaXhlbFJ1bnMA",
  "Rg51bmZpbHRlckxhYmVscwBIDmxhYmVsU2NhbmxpbmVzAFAMcm93Qnl0ZXNTZWVuAFMKaGVsZExhYmVscwBUDmZpcnN0RGlm",
  "ZmVyZW50AFwHYWRsZXIzMgBeCpqBAV+PAQEFfyAGEA0gBCEJIABBAWohCAJAA0AgByABTw0BIAYgCCACIAMQDyELIAggCSAC",
  "IAMQESEKIApBAUYEQCAGEA4gBw8LIAYgCyAIIAIQECAFQQBHIApFcQRAIAggCSAIIAJqIAMgBSAFQYACahAdCyAIIQkgCCAC",
  "QQFqaiEIIAdBAWohBwwACwsgBhAOQX8LrgkHCX8CewF/B3sBfwF7Bn8gChANIAIgA2whDyAEIQ0gAEEBaiEMIAVBAWohDgJA",
  "A0AgCyABTw0BIA5BAWtBAjoAACAMIRAgDSERIA4hEiAMIA9qIRNBACEeIAghIkEAISEgCUEARyAIQQBHcSALQQBHIANBBEZx",
  "cSEg/QwAAAAAAAAAAAAAAAAAAAAAIRQgDEEBay0AACEkIAogDCAPIAMQDyElAkAgJEECRiAWRXEEQCAMIA8QWwRAICAEQEEB",
  "ISEFIAwgDSAP/AoAAAsMAgsLICRFBEAgDCANIA8QXQRADAILCyAgICRBAkZxBEAgDCANIA4gEyAIEAMhHiEIIRRBASEhDAEL",
  "ICRBAkYEQCAMIA0gDiAPIAMgCBACIR4hCCEUIA9BcHEhIyAMICNqIRAgDSAjaiERIA4gI0EDbEECdiAjIANBBEYbaiESBSAM",
  "IA0gDyADEBFBAUYEQCAKEA4gCw8LCyADQQRGBEACQANAIBBBwABqIBNLDQEgEP0ABAAgEf0ABAD9cSEXIBD9AAQQIBH9AAQQ",
  "/XEhGCAQ/QAEICAR/QAEIP1xIRkgEP0ABDAgEf0ABDD9cSEaIBcgGP1QIBkgGv1Q/VD9U0UEQCAS/QwAAAAAAAAAAAAAAAAA",
  "AAAA/QsEACAS/QwAAAAAAAAAAAAAAAAAAAAA/QsEECAS/QwAAAAAAAAAAAAAAAAAAAAA/QsEICAIQQBHIBIgDmsgHkZxBEAg",
  "HkEwaiEeCyAQQcAAaiEQIBFBwABqIREgEkEwaiESDAELIBcgGP0NAAECBAUGCAkKDA0OEBESFCEbIBggGf0NBQYICQoMDQ4Q",
  "ERIUFRYYGSEcIBkgGv0NCgwNDhAREhQVFhgZGhwdHiEdIBIgG/0LBAAgEiAc/QsEECASIB39CwQgIBsgHCAd/VD9UCEfIBQg",
  "H/1QIRQgCEEARyASIA5rIB5GcQRAIB/9UwRAIAggHiAbEFkhCCAIIB5BEGogHBBZIQggCCAeQSBqIB0QWSEICyAeQTBqIR4L",
  "IBBBwABqIRAgEUHAAGohESASQTBqIRIMAAsLAkADQCAQIBNPDQEgEP0ABAAgEP0ABAD9DQABAgQFBggJCgwNDg8PDw8gEf0A",
  "BAAgEf0ABAD9DQABAgQFBggJCgwNDg8PDw/9cSEVIBIgFf0LBAAgFCAV/VAhFCAQQRBqIRAgEUEQaiERIBJBDGohEgwACwsF",
  "AkADQCAQIBNPDQEgEP0ABAAgEf0ABAD9cSEVIBIgFf0LBAAgFCAV/VAhFCAQQRBqIRAgEUEQaiERIBJBEGohEgwACwsLCyAK",
  "ICUgDCAPEBAgFP1TIRYgCARAIBYEQCAOIB4gAkEDbCAIEFohCAUgCEEANgIAIAhBBGohCAsLIAcEQCAHIAtqIBY6AAALIAYE",
  "QCAIBEAgIiANIAwgIRsgAkEDbEEDIAMgBhAfGgUgFP1TBEAgDCANIBMgAyAGIAZBgAJqEB0LCwsgIUUEQCAMIQ0LIAwgD0EB",
  "amohDCAOIAJBA2xBAWpqIQ4gC0EBaiELDAALCyAMIA9BAWprIQwgAUEARyANIAxHcQRAIAwgDSAP/AoAAAsgChAOQX8gCGsL",
  "qAQCBX8LeyAAIQYgASEHIAIhCCAAIANBcHFqIQkgBEEERgRAAkADQCAGQcAAaiAJSw0BIAb9AAQAIQ8gBv0ABBAhECAG/QAE",
  "ICERIAb9AAQwIRIgDyAQ/VAgESAS/VD9UP1TBEAgDyAQIBEgEiAGIABrEAgLIAYgDyAH/QAEAP1u/QsEACAGIBAgB/0ABBD9",
  "bv0LBBAgBiARIAf9AAQg/W79CwQgIAYgEiAH/QAEMP1u/QsEMCAPIBD9DQABAgQFBggJCgwNDhAREhQhEyAQIBH9DQUGCAkK",
  "DA0OEBESFBUWGBkhFCARIBL9DQoMDQ4QERIUFRYYGRocHR4hFSAIIBP9CwQAIAggFP0LBBAgCCAV/QsEICATIBQgFf1Q/VAh",
  "DCALIAz9UCELIAVBAEcgCCACayAKRnEEQCAM/VMEQCAFIAogExBZIQUgBSAKQRBqIBQQWSEFIAUgCkEgaiAVEFkhBQsgCkEw",
  "aiEKCyAGQcAAaiEGIAdBwABqIQcgCEEwaiEIDAALCwsCQANAIAYgCU8NASAG/QAEACENIA39UwRAIA0gBiAAaxAHCyAGIA0g",
  "B/0ABAD9bv0LBAAgBEEERgR7IA0gDf0NAAECBAUGCAkKDA0ODw8PDwUgDQshDiAIIA79CwQAIAsgDv1QIQsgBkEQaiEGIAdB",
  "EGohByAIQQxBECAEQQRGG2ohCAwACwsgBiAHIAAgA2ogBmsgBiAAaxAUGiALIAUgCguKBQMDfwl7AX8gACEFIAEhBiACIQcC",
  "QANAIAVBwABqIANLDQEgBf0ABAAhCiAF/QAEECELIAX9AAQgIQwgBf0ABDAhDSAKIAv9UCAMIA39UP1Q/VNFBEAgB/0MAAAA",
  "AAAAAAAAAAAAAAAAAP0LBAAgB/0MAAAAAAAAAAAAAAAAAAAAAP0LBBAgB/0MAAAAAAAAAAAAAAAAAAAAAP0LBCAgEUEwaiER",
  "IAVBwABqIQUgBkHAAGohBiAHQTBqIQcMAQsgCiALIAwgDSAFIABrEAggCiAL/Q0AAQIEBQYICQoMDQ4QERIUIQ4gCyAM/Q0F",
  "BggJCgwNDhAREhQVFhgZIQ8gDCAN/Q0KDA0OEBESFBUWGBkaHB0eIRAgByAO/QsEACAHIA/9CwQQIAcgEP0LBCAgDiAPIBD9",
  "UP1QIQkgCCAJ/VAhCCAJ/VMEQCAEBEAgBCARIA4QWSEEIAQgEUEQaiAPEFkhBCAEIBFBIGogEBBZIQQLCyAKIAv9UCAMIA39",
  "UP1Q/VMEQCAGIAogBv0ABAD9bv0LBAAgBiALIAb9AAQQ/W79CwQQIAYgDCAG/QAEIP1u/QsEICAGIA0gBv0ABDD9bv0LBDAL",
  "IBFBMGohESAFQcAAaiEFIAZBwABqIQYgB0EwaiEHDAALCwJAA0AgBSADTw0BIAX9AAQAIQogCiAK/Q0AAQIEBQYICQoMDQ4P",
  "Dw8PIQ4gByAO/QsEACAIIA79UCEIIAVBEGogA00EQCAKIAUgAGsQByAGIAogBv0ABAD9bv0LBAAFIAAgBSAAayADIABrEAog",
  "BiAFIAMgBWtBfxAUGgsgBUEQaiEFIAZBEGohBiAHQQxqIQcMAAsLIAggBAR/IAQFQQALIBELFAAgAEH//wNxrSQFIABBEHat",
  "JAYLFgAjBkLx/wOCp0EQdCMFQvH/A4KncgtGAP0MAAAAAAAAAAAAAAAAAAAAACQA/QwAAAAAAAAAAAAAAAAAAAAAJAH9DAAA",
  "AAAAAAAAAAAAAAAAAAAkAkIAJANCACQEC3kBAnsgAP19/X8hAiABQQ9x/RAhAyMAIAL9rgEkACMBIAIgAUEEdv0R/bUB/a4B",
  "JAEjAiAA/YkBIAP9DAAAAQACAAMABAAFAAYABwD9jgH9ugEgAP2KASAD/QwIAAkACgALAAwADQAOAA8A/Y4B/boB/a4B/a4B",
  "JAILIwAgACAEEAcgASAEQRBqEAcgAiAEQSBqEAcgAyAEQTBqEAcLYwEEfiAAQf8Bca0hAyAAQQh2Qf8Bca0hBCAAQRB2Qf8B",
  "ca0hBSACQQRGBEAgAEEYdq0hBgsgAyAEfCAFIAZ8fCEDIwMgA3wkAyMEIAGtIAN+IAQgBUIBhiAGQgN+fHx8fCQECzYBAX4C",
  "QANAIAEgAk8NASAAIAFqMQAAIQMjAyADfCQDIwQgAa0gA358JAQgAUEBaiEBDAALCwueAQEGfiMFIQIjBiEDIABBAWsxAAAh",
  "BCABrSEHIwD9UyMDQgBScgRAIwAQDCMDfCEFIwEQDEIEhiMCEAx8IwR8IQYQBgsgAyAHQgF8IAIgBHx+IAcgBX4gBn18fCED",
  "IAIgBCAFfHwhAiACQoCAgIAIWgRAIAJC8f8DgiECCyADQoCAgICAgICAwABaBEAgA0Lx/wOCIQMLIAIkBSADJAYLHQAgAP0b",
  "AK0gAP0bAa18IAD9GwKtIAD9GwOtfHwLEAAgAARAIAAoAgAQBBAGCwsOACAABEAgABAFNgIACwtcAQF/IABFBEBBAA8LIAFB",
  "AWstAAAhBCACQYCAAk0gBEECRiAEQQFGIARBBEZyIANBA0YgA0EERnJxcnEEQEEBDwsgBEEETQRAIAFBAWsgAkEBahAFEF4Q",
  "BAtBAAsVACABBEAgAiADEAsFIAAEQBAGCwsLbgEBfyAAQQFrLQAAIQQgBEUEQEEADwsgBEEBRgRAIAAgAiADEBNBAA8LIARB",
  "AkYEQEEAQQIgACABIAJBABAUGw8LIARBA0YEQCAAIAEgAiADEBVBAA8LIARBBEYEQCAAIAEgAiADEBdBAA8LQQELIgAgAEH/",
  "/v37B3EgAUH//v37B3FqIAAgAXNBgIGChHhxcwuXBQICfwF7IAIhAyACQQNGIAJBBEZyBEAgACgCAEEAIAIQCQsgAkEERgRA",
  "AkADQCADIAFPDQEgA0HAAGogAU0EQCAAIANq/QAEACAAIANq/QAEEP1QIAAgA2r9AAQgIAAgA2r9AAQw/VD9UP1TRQRAIAAg",
  "A0EEa2ooAgD9ESEFIAAgA2ogBf0LBAAgACADaiAF/QsEECAAIANqIAX9CwQgIAAgA2ogBf0LBDAgA0HAAGohAwwCCwsgA0EQ",
  "aiABTSAAIANq/QAEAP1TRXEEQCAAIANqIAAgA0EEa2ooAgD9Ef0LBAAgA0EQaiEDDAELIANBEGogAU0EQCAAIANq/QAEACEF",
  "IAUgAxAHIAUgBf0MAAAAAAAAAAAAAAAAAAAAAP0NEBAQEAABAgMEBQYHCAkKC/1uIQUgBSAF/QwAAAAAAAAAAAAAAAAAAAAA",
  "/Q0QEBAQEBAQEAABAgMEBQYH/W4hBSAAIANqIAUgACADQQRraigCAP0R/W79CwQAIANBEGohAwwBCyAAIANqKAIAIQQgBCAD",
  "QQQQCSAAIANqIAQgACADQQRraigCABASNgIAIANBBGohAwwACwsPCyACQQNGBEACQANAIAMgAU8NASADQRBqIAFNIAAgA2r9",
  "AAQA/VNFcQRAIAAgA2ogACADQQNrav1cAgD9DAABAgABAgABAgABAgABAgD9Dv0LBAAgACADakEAOgAPIANBD2ohAwwBCyAA",
  "IANqKAIAIQQgBCADQQMQCSAAIANqIAQgACADQQNraigCABASQf///wdxIARBgICAeHFyNgIAIANBA2ohAwwACwsPCwJAA0Ag",
  "AyABTw0BIAAgA2ogACADai0AACAAIAMgAmtqLQAAajoAACADQQFqIQMMAAsLC8EBAwJ/AnsCfyACQXBxIQUCQANAIAQgBU8N",
  "ASAAIARq/QAEACEGIANBAE4gBv1TcQRAIAYgAyAEahAHCyAHIAb9UCEHIAAgBGogBiABIARq/QAEAP1u/QsEACAEQRBqIQQM",
  "AAsLIANBAE4EQCAAIANrIAMgBWogAyACahAKCwJAA0AgBCACTw0BIAAgBGotAAAhCCAJIAhyIQkgACAEaiAIIAEgBGotAABq",
  "OgAAIARBAWohBAwACwsgB/1TIAlBAEdyC1EBAn8CQANAIAQgAk8NASAEIANPBH8gACAEIANrai0AAAVBAAshBSAAIARqIAAg",
  "BGotAAAgBSABIARqLQAAakEBdmo6AAAgBEEBaiEEDAALCwsPAEEAIABrIAAgAEEASBsLxwMFB38DewF/BHsBfyADQQNGIANB",
  "BEZyBEACQANAIAQgAk8NASAAIAEgBCACIAMQGSETIBMEQCAAIAEgBCACIAMgExAYIQQgACAEIANrav1cAgD9iQEhCyABIAQg",
  "A2tq/VwCAP2JASENDAELIAEgBGr9XAIA/YkBIQwgACAEaigCACEOIA4gBCADEAkgDCAN/ZEB/YABIQ8gCyAN/ZEB/YABIRAg",
  "CyAM/Y4BIA0gDf2OAf2RAf2AASERIAsgDCANIBAgEf0z/VIgDyAQ/TMgDyAR/TP9Tv1SIRIgACAEav1cAgAgEiAS/Wb9bv2J",
  "ASELIAAgBGogCyAL/Wb9GwAgCyAL/Wb9GwBB////B3EgDkGAgIB4cXIgA0EERhs2AgAgDCENIAQgA2ohBAwACwsPCwJAA0Ag",
  "BCACTw0BIAEgBGotAAAhBiAEIANPBEAgACAEIANrai0AACEFIAEgBCADa2otAAAhBwVBACEFQQAhBwsgBiAHaxAWIQggBSAH",
  "axAWIQkgBSAGaiAHQQF0axAWIQogACAEaiAAIARqLQAAIAggCU0gCCAKTXEEfyAFBSAGIAcgCSAKTRsLajoAACAEQQFqIQQM",
  "AAsLC/gCAgF/AXtBEEEPIARBBEYbIQYgACACIARrav1cAgD9DAABAgMAAQIDAAECAwABAgP9DAABAgABAgABAgABAgABAgAg",
  "BEEERhv9DiEHIAVBAUYEQAJAA0AgAkHAAGogA0sNASAAIAJq/QAEACAAIAJq/QAEEP1QIAAgAmr9AAQgIAAgAmr9AAQw/VD9",
  "UP1TDQEgACACaiABIAJq/QAEAP0LBAAgACACaiABIAJq/QAEEP0LBBAgACACaiABIAJq/QAEIP0LBCAgBEEERgRAIAAgAmog",
  "ASACav0ABDD9CwQwCyACIARBEGxqIQIMAAsLIAJBEGogA0sgACACav0ABAD9U3IEQCACDwsLA0AgACACaiABIAJq/QAEACAH",
  "IAVBAUYb/QsEACAEQQNGBEAgACACakEAOgAPCyACIAZqIQIgAkEQaiADTSAAIAJq/QAEAP1TRXEgBUEBRiABIAJq/QAEACAB",
  "IAIgBGtq/QAEAP0j/WNycQ0ACyACC3kBAX8gAiAESSACQRBqIANLcgRAQQAPCyAAIAJq/QAEAP1TBEBBAA8LQX9B////ByAE",
  "QQRGGyEFIAAgAiAEa2ooAgAgBXEgASACIARraigCACAFcUYEQEEBDwtBAkEAIAEgAmr9AAQAIAEgAiAEa2r9AAQA/SP9YxsL",
  "jwEBBH8CQANAIAcgBE8NASAAIAcgAWxqIQggAiAHIANsaiEJIAZBA0YEQCAJIAggBUEDbPwKAAAFIAggBUECdGohCgJAA0Ag",
  "CCAKTw0BIAkgCP0ABAAgCP0ABAD9DQABAgQFBggJCgwNDg8PDw/9CwQAIAhBEGohCCAJQQxqIQkMAAsLCyAHQQFqIQcMAAsL",
  "C7EBAQV/AkADQCAFIAJPDQEgACAFIAFsaiEGIAYgA0EDbGohBwJAA0AgBiAHTw0BIAb9AAQA/VNFBEAgBkEPaiEGDAELIAZB",
  "D2ohCSAJIAdLBEAgByEJCwNAIAYtAAAEQCAEIAYtAAJBAnRqIQggCC0AAARAIAYgCC0AAToAACAGIAgtAAI6AAEgBiAILQAD",
  "OgACCwsgBkEDaiEGIAYgCUkNAAsMAAsLIAVBAWohBQwACwsLRQEEfyADIARsIQsgACEJIAUhCgJAA0AgCCACTw0BIAkgCiAJ",
  "IAtqIAQgBiAHEB0gCSEKIAkgAWohCSAIQQFqIQgMAAsLC/oBAQR/QX8hCEEQQQ8gA0EERhshBiAGQQJ0IQkCQANAIAAgAk8N",
  "ASAAIAlqIAJNBEAgAP0ABAAgAf0ABAD9USAAIAZq/QAEACABIAZq/QAEAP1R/VAgACAGQQF0av0ABAAgASAGQQF0av0ABAD9",
  "USAAIAZBA2xq/QAEACABIAZBA2xq/QAEAP1R/VD9UP1TRQRAIAAgCWohACABIAlqIQEMAgsLIAD9AAQAIAH9AAQA/VH9UwRA",
  "IAAgBmohByAHIAJLBEAgAiEHCyAAIAcgAyAEIAUgCBAeIQggASAHIABraiEBIAchAAUgACAGaiEAIAEgBmohAQsMAAsLC28B",
  "A38CQANAIAAgAU8NASAAKAIAQf+B/AdxIQYgBiAFRwRAIAYhBSAGQf8BcSEHIAcEQCADIAZBEHZqQQE6AAAgBCAHQQF0aiEI",
  "IAgvAQBFBEAgCCAGQRB2QQFqOwEACwsLIAAgAmohAAwACwsgBQt4AQR/QX8hCQJAA0AgACgCACEGIABBBGohACAGRQ0BIAZB",
  "AWtBBHQhByACIAdrIQggCEEQSwRAQRAhCAsgACAIaiEAIAEgByADbiAEbGogASAHIAhBAWtqIANuQQFqIARsaiAEIAUgBUGA",
  "AmogCRAeIQkMAAsLIAALhwIDBX8CewJ/IAJBcHEhCCABIQQCQANAIARFDQEgBEEBayEEIAAgBCACQQFqbGohBSAFQQI6AAAg",
  "BUEBaiEFIAUgAkEBamshBiAERQRADAILQQAhB/0MAAAAAAAAAAAAAAAAAAAAACEKQQAhCwJAA0AgByAITw0BIAUgB2r9AAQA",
  "IAYgB2r9AAQA/XEhCSAFIAdqIAn9CwQAIAogCf1QIQogB0EQaiEHDAALCwJAA0AgByACTw0BIAUgB2otAAAgBiAHai0AAGtB",
  "/wFxIQwgBSAHaiAMOgAAIAsgDHIhCyAHQQFqIQcMAAsLIAMEQCADIARBAWtqIAr9UyALQQBHcjoAAAsMAAsLC4EBAAJAA0Ag",
  "AEHAAGogAUsNASAA/QAEACAA/QAEEP1QIAD9AAQgIAD9AAQw/VD9UP1TDQEgAEHAAGohAAwACwsCQANAIABBEGogAUsNASAA",
  "/QAEAP1TDQEgAEEQaiEADAALCwJAA0AgACABTw0BIAAtAAANASAAQQFqIQAMAAsLIAAL+AQBDn8gAygCACEIIAMoAgQhCSAD",
  "KAIIIQogAEEBay0AACESIABBAmstAAAhEyAAQQNrLQAAIRQgAEEBayADLQAMOgAAIABBAmsgAy0ADToAACAAQQNrIAMtAA46",
  "AAAgACEHAkADQCAHIAFPDQEgCyAGTw0BIActAAAhDCAMIAdBAWstAAByRSAKQQBHcQRAIAMoAhwEfyAHIAEgAxAjBSAHIAEQ",
  "IQshDSANIAdrIRAgCa0gEK0gCK1+fELx/wOCpyEJIAogEGohCiANIQcgEEEDTwRAIAQgBSALIBBBARAxIQsMAgsgBCAFIAtB",
  "AEEAEDEhCyAQQQJGBEAgBCAFIAtBAEEAEDEhCwsMAQsgASAHayERIBFBggJLBEBBggIhEQtBACEOIApBAEcgDCAHQQFrLQAA",
  "RnEEQCAHIBFBARAyIQ4LQQAhDyACQQFLIAogAk9xIAwgByACay0AAEZxBEAgByARIAIQMiEPCyAOQQNJIA9BA0lxBEAgCCAM",
  "akHx/wNwIQggCSAIakHx/wNwIQkgCkEBaiEKIAdBAWohByAEIAUgC0EAIAwQMSELDAELIA4gDyAOIA9PGyEQIAQgBSALIBBB",
  "ASACIA4gD08bEDEhCyAHIBBqIQ0CQANAIAcgDU8NASAIIActAABqIQggCSAIaiEJIAdBAWohBwwACwsgCEHx/wNwIQggCUHx",
  "/wNwIQkgCiAQaiEKDAALCyADIAg2AgAgAyAJNgIEIAMgCzYCECADIAdBAWstAAA6AAwgAyAHQQJrLQAAOgANIAMgB0EDay0A",
  "ADoADiAAQQFrIBI6AAAgAEECayATOgAAIABBA2sgFDoAACAHC4cCAQZ/IAIoAhQhAyACKAIYIQQgAigCHCEFAkADQCAAIAFP",
  "DQEgACAEIAVqTwRAAkADQCADKAIAIQYgBkUNASADIAYgBRAkIQMMAAsLIANBBGohAyAEIAVBAWpqIQQMAQsgACAESQRAIAAt",
  "AAANAiAEIQAMAQsgAygCACEGIAZFBEAgBCAFaiEADAELIAQgBkEBa0EEdGohByAHQRBqIQggCCAEIAVqSwRAIAQgBWohCAsg",
  "ACAHSQRAIAchAAsCQANAIAAgCE8NASAAIAFPDQMgAC0AAA0DIABBAWohAAwACwsgAyAGIAUQJCEDDAALCyACIAM2AhQgAiAE",
  "NgIYIAEgACAAIAFLGwshAQF/IAIgAUEBa0EEdGshAyAAQQRBECADIANBEE8bamoLhQMFCH8CfgJ/An4BfyAFKAIArSEPIAUo",
  "AgQhECAEIRECQANAIAYgAk8NASAAIAZBAnRqKAIAIQcgASAGQQF0ai8BACEIIAZBAWohBiAHRQRAIA8gECARIAMgCBAuEC0h",
  "ESEQIQ8MAQtBACEJIAhBAWshCiAIQYACTwRAIAhBCXZBAWohCUEAIQogB0EBayEHIAMgCEH/AXEgBxAmIRQhEyESIBQEQANA",
  "IA8gECARIBIQLSERIRAhDyATQgBSBEAgDyAQIBEgExAtIREhECEPCyAJQQFrIglBAEoNAAsMAgsLIANBggIgChAwIQ4DQCAJ",
  "BEAgDyAQIBEgAyAIQf8BcRAvEC0hESEQIQ8LIAcQLCENIQwhCwJAA0AgDyAQIBEgDQR+IAMgDSAKEDBBACENBSAMBH4gAyAM",
  "IAoQMEEAIQwFIAtFDQMgC0EBayELIA4LCxAtIREhECEPDAALCyAJQQFrIglBAEoNAAsMAAsLIBEgDzcDACAFIA+nNgIAIAUg",
  "EDYCBCARC64BAgN/BH4gAEGCAkEAEDAhBiACECwhBSEEIQMgA0EASARAQgBCAEEADwsgACABEC8hCAJAA0AgBQRAIAAgBUEA",
  "EDAhB0EAIQUFIAQEQCAAIARBABAwIQdBACEEBSADRQ0DIANBAWshAyAGIQcLCyAJUARAIAggBxAnBEAgCCAHECghCAUgByEJ",
  "CwUgCSAHECcEQCAJIAcQKCEJBUIAQgBBAA8LCwwACwsgCCAJQQELEAAgAEI4iCABQjiIfEI4WAs1AQF+IABCOIghAiAAQv//",
  "////////AIMgAUL//////////wCDIAKGhCACIAFCOIh8QjiGhAvDAQEIfwJAA0AgBiACTw0BIAAgBkECdGooAgAhByABIAZB",
  "AXRqLwEAIQggBkEBaiEGIAdFBEAgBCAIQQEQKwwBC0EBIQkgCEEBayEMIAhBgAJPBEAgCEEJdkEBaiEJIAQgCEH/AXEgCRAr",
  "IARBACAJECtBACEMIAdBAWshBwsgBxAsIQ0hCyEKIA0EQCADIAQgBSANIAwgCRAqCyALBEAgAyAEIAUgCyAMIAkQKgsgAyAE",
  "IAVBggIgDCAKIAlsECoMAAsLCx0AIAEgACADai0AwAdBgQJqIAUQKyACIAQgBRArCxsBAX8gACABQQJ0aiEDIAMgAygCACAC",
  "ajYCAAs5AQJ/IABBggJuIQEgACABQYICbGshAiACQQBHIAJBA0lxBEAgAUEBa0EDIAJB/wFqDwsgASACQQALQAAgACADQv//",
  "////////AIMgAa2GhCEAIAEgA0I4iKdqIQEgAiAANwMAIAAgAUE4ca2IIAFBB3EgAiABQQN2agscACAAIAFBAXRqLwEArSAA",
  "IAFqLQDABK1COIaEC0UBA34gACABEC4hAiAAQQAQLiEDIAJCOIghBCACQv//////////AIMgA0L//////////wCDIASGhCAE",
  "IANCOIh8QjiGfAt7AQV/IAAgAWotAMAHIQMgA0GBAmohBCAAIARqLQDABCEFIAAgA2otAMQJIQYgACACai0AoAchByAAIARB",
  "AXRqLwEArSABIAAgA0EBdGovAeIJa60gBa2GhCAAIAJBAXRqLwHgBq0gBSAGaq2GIAUgBiAHamqtQjiGhIQLIQAgACACQQJ0",
  "aiADNgIAIAEgAkEBdGogBDsBACACQQFqCzIBAX8CQANAIAMgAU8NASAAIANqLQAAIAAgA2ogAmstAABHDQEgA0EBaiEDDAAL",
  "CyADC2QBA38gACEIIAQhCQJAA0AgByACTw0BIAVBAEcgBSAHai0AAEVxBEAgBkEANgIAIAZBBGohBgUgCEF/IAkgBEF/Rhsg",
  "AyAGEDQhBgsgCCEJIAggAWohCCAHQQFqIQcMAAsLIAYLNAEBfyACQXBxIQQgAUF/RgR/IAAgBCADEFcFIAAgASAEIAMQWAsh",
  "AyAAIAEgBCACIAMQNQuIAQEDfyACIANJBEAgBCACQQR2QQFqNgIAIAIhBQJAA0AgBSADTw0BIAAgBWotAAAhByABQX9HBEAg",
  "ByABIAVqLQAAa0H/AXEhBwsgBCAFIAJraiAHOgAEIAYgB3IhBiAFQQFqIQUMAAsLIAYEQCAEIAMgAmtBBGpqIQQLCyAEQQA2",
  "AgAgBEEEagutAgEGfyAIEA0gBCELIABBAWohCgJAA0AgCSABTw0BIAggCiACIAMQDyEOIApBAWstAABBAkYEQCAHIAlBAEdx",
  "BEAgCiALIAIgBhA3IQ0gBQRAIAYgCyACIAMgAyAFEB8aCyAIIA4gCiACEBAgDSEGIAogAkEBamohCiAJQQFqIQkMAgsgCiAL",
  "IAIgBhA4IQ1BAkEAIA0gBkEEakYbIQwFIAogCyACIAMQESEMIAxBAUYEQCAIEA5BfyAJaw8LIAogCyACIAYQNCENCyAFBEAg",
  "BiAKIAIgAyADIAUQHxoLIAggDiAKIAIQECANIQYgCiELIAogAkEBamohCiAJQQFqIQkMAAsLIAogAkEBamshCiABQQBHIAsg",
  "CkdxBEAgCiALIAL8CgAACyAIEA4gBgvNAQICfwF7IAJBcHEhBQJAA0AgBCAFTw0BIARBwABqIAVNBEAgACAEav0ABAAgACAE",
  "av0ABBD9UCAAIARq/QAEICAAIARq/QAEMP1Q/VD9U0UEQCAEQcAAaiEEDAILCyAAIARq/QAEACEGIAb9UwRAIAMgBCAGEFkh",
  "AyAGIAQQByABIARqIAYgASAEav0ABAD9bv0LBAALIARBEGohBAwACwsgAEF/IAUgAiADEDUhAyAAIAUgAhAKIAEgBWogACAF",
  "aiACIAVrQX8QFBogAwt/AgJ/AXsgAkFwcSEFAkADQCAEIAVPDQEgACAEav0ABAAhBiAG/VMEQCADIAQgBhBZIQMgBiAEEAcL",
  "IAAgBGogBiABIARq/QAEAP1u/QsEACAEQRBqIQQMAAsLIABBfyAFIAIgAxA1IQMgACAFaiABIAVqIAIgBWsgBRAUGiADC4wC",
  "AQd/IAsQDSACIANsIQ0gBCEPIABBAWohDiAFIRACQANAIAwgAU8NASALIA4gDSADEA8hEgJAIApBAEcgDEEAR3EgDkEBay0A",
  "AEECRnEEQCAOIA8gECACIAMgBiAHIAggCRA8DAELIA4gDyANIAMQESERIBFBAUYEQCALEA4gDA8LIAxBAEcgEUECRnEEQCAQ",
  "IBAgBmsgAiAHEDps/AoAAAUgDiAPIBAgAiADIAYgByAIIAkgDBA7CyAOIQ8LIAsgEiAOIA0QECAOIA1BAWpqIQ4gECAGaiEQ",
  "IAxBAWohDAwACwsgDiANQQFqayEOIAFBAEcgDyAOR3EEQCAOIA8gDfwKAAALIAsQDkF/Cw8AQQMgAEEBaiAAQQJGGwt/AQN/",
  "IAYQOiEMIARBBHQhCwJAA0AgCkEQaiADSw0BIAlBAEcgACABIAsQPXEEQCACIAUgDBA+BSAAIAJBECAEIAYgByAIED8LIApB",
  "EGohCiAAIAtqIQAgASALaiEBIAIgDEEEdGohAgwACwsgACACIAMgCmsgBCAGIAcgCBA/C40CAQR/IAYQOiEMIARBBHQhCyAD",
  "QXBxIARsIQoCQANAIAkgCk8NASAJIAtBAnRqIApNBEAgACAJaiAEEEEEQCACIAUgDBA+IAIgDEEEdGohAiACIAUgDBA+IAIg",
  "DEEEdGohAiACIAUgDBA+IAIgDEEEdGohAiACIAUgDBA+IAIgDEEEdGohAiAJIAtBAnRqIQkMAgsLIAAgCWogASAJaiAEIAkQ",
  "QARAIAEgCWogAkEQIAQgBiAHIAgQPwUgAiAFIAwQPgsgCSALaiEJIAIgDEEEdGohAgwACwsgACAKIAMgBGwQCiABIApqIAAg",
  "CmogAyAEbCAKaxBDIAEgCmogAiADQQ9xIAQgBiAHIAgQPwtPACAA/QAEACAB/QAEAP1RIAD9AAQQIAH9AAQQ/VH9UCAA/QAE",
  "ICAB/QAEIP1RIAAgAkEQa2r9AAQAIAEgAkEQa2r9AAQA/VH9UP1Q/VNFCz8AIAAgACABa/0ABAD9CwQAIAJBAk8EQCAAIAAg",
  "AWv9AAQQ/QsEEAsgAkEDRgRAIAAgACABa/0ABCD9CwQgCwtFACAEQQFGIAJBEEZxBEAgACABIAMQRQUgACABIAIgAyAEIAUQ",
  "RAsgBgRAIAAgACACIANsaiADIAYgBkGAAmpBfxAeGgsLtgEBBHsgAP0ABAAhBCAA/QAEECEFIAD9AAQgIQYgAkEERgRAIAD9",
  "AAQwIQcLIAQgBf1QIAYgB/1Q/VD9U0UEQEEADwsgBCADEAcgBSADQRBqEAcgBiADQSBqEAcgAkEERgRAIAcgA0EwahAHCyAB",
  "IAQgAf0ABAD9bv0LBAAgASAFIAH9AAQQ/W79CwQQIAEgBiAB/QAEIP1u/QsEICACQQRGBEAgASAHIAH9AAQw/W79CwQwC0EB",
  "C6EBAQF7IAD9AAQAIAD9AAQQ/VAgAP0ABCAgAP0ABDD9UP1QIAD9AARAIAD9AARQ/VAgAP0ABGAgAP0ABHD9UP1Q/VAhAiAC",
  "IAD9AASAASAA/QAEkAH9UCAA/QAEoAEgAP0ABLAB/VD9UP1QIQIgAUEERgRAIAIgAP0ABMABIAD9AATQAf1QIAD9AATgASAA",
  "/QAE8AH9UP1Q/VAhAgsgAv1TRQs7AQF/IAAgAWshAiAAIAL9AAQA/QsEACAAIAL9AAQQ/QsEECAAIAL9AAQg/QsEICAAIAL9",
  "AAQw/QsEMAszAQF/AkADQCADIAJPDQEgACADaiAAIANqLQAAIAEgA2otAABqOgAAIANBAWohAwwACwsL2AEBA38gACACIANs",
  "aiEGIARFBEACQANAIAAgBk8NASABIAUgAC0AAmotAABBACAALQAAGzoAACABQQFqIQEgACADaiEADAALCw8LIARBAUYEQAJA",
  "A0AgACAGTw0BIAEgAC0AAEEIdDsBACABQQJqIQEgACADaiEADAALCw8LAkADQCAAIAZPDQEgAC0AACEHIAUgAC0AAmotAABB",
  "ACAHGyEIIAFBACAHIAhFIAUgCGotAIACchs6AAAgASAIOgABIAFBADoAAiABQQNqIQEgACADaiEADAALCwvBAQEBe/0MAP8A",
  "/wD/AP8A/wD/AP8A/yEDIAJBBEYEQCABIAMgAP0ABAAgAP0ABBD9DQAAAAQACAAMABAAFAAYABz9Tv0LBAAgASADIAD9AAQg",
  "IAD9AAQw/Q0AAAAEAAgADAAQABQAGAAc/U79CwQQBSABIAMgAP0ABAAgAP0ABBD9DQAAAAMABgAJAAwADwASABX9Tv0LBAAg",
  "ASADIAD9AAQQIAD9AAQg/Q0ACAALAA4AEQAUABcAGgAd/U79CwQQCwuDAgEHfwJAA0AgBSACTw0BIAAgBSABbGohBiAEIQkg",
  "BigCAEH///8HcSELIARBADYCBCAEIAs2AgggBEEMaiEEQQEhCEEBIQcCQANAIAcgA08NASAHQRBqIANNBEAgBiAHQQNsahBH",
  "BEAgB0EQaiEHDAILCyAHQQVqIANNBEAgBiAHQQNsav0ABAAgBiAHQQFrQQNsav0ABAD9I/1jBEAgB0EFaiEHDAILCyAGIAdB",
  "A2xqKAIAQf///wdxIQogCiALRwRAIAQgBzYCACAEIAo2AgQgBEEIaiEEIAhBAWohCCAKIQsLIAdBAWohBwwACwsgCSAINgIA",
  "IAVBAWohBQwACwsgBAs1ACAA/QAEACAAQQNr/QAEAP0jIAD9AAQQIAD9AAQN/SP9TiAA/QAEICAA/QAEHf0j/U79YwuXAgEJ",
  "fyAKEA0gAiADbCEMIAJBBHZBAWpBAnQhEiAEIQ4gAEEBaiENIAUhDyAHIRACQANAIAsgAU8NASAQQQA2AgAgCiANIAwgAxAP",
  "IRMCQCAJQQBHIAtBAEdxIA1BAWstAABBAkZxBEAgBiALaiANIA4gDyACIAMgECAIEEs6AAAMAQsgDSAOIAwgAxARIREgEUEB",
  "RgRAIAoQDiALDwsgBiALaiANIA4gDyACIAMgECARQQJGIAggCxBJOgAAIA0hDgsgCiATIA0gDBAQIA0gDEEBamohDSAPIAJq",
  "IQ8gECASaiEQIAtBAWohCwwACwsgDSAMQQFqayENIAFBAEcgDiANR3EEQCANIA4gDPwKAAALIAoQDkF/C7ABAQR/IAhBAEch",
  "CSAJIAZxBEAgAiACIANrIAP8CgAAQQEPCyAHQQAgCRshCiAJRSAHQQBHcQRAIAAgASAAIAMgBGxqIAQgByAHQYACahAdCyAC",
  "IANBcHFqIQsgBEEERgR/IAAgAiALIAAgAWtBACAJGyADIAUgChBOBSAAIAIgCyAAIAFrQQAgCRsgAyAFIAoQTwshDCAJIAwg",
  "ACADQXBxIARsaiALIAMgBCAKEEpxcQt6AQN/IAEgAkEPcWohBUEBIQcgBARAIAAgACACQQ9xIANsaiADIAQgBEGAAmpBfxAe",
  "GgsCQANAIAEgBU8NASAALQACQQAgAC0AABshBiABIAY6AAAgBiABIAJrLQAARwRAQQAhBwsgACADaiEAIAFBAWohAQwACwsg",
  "BwuzAgEHfyACIQlBASEKQX8hCyAEQQR0IQwgA0FwcSAEbCEIAkADQCAHIAhPDQEgByAMQQJ0aiAITQRAIAAgB2ogBBBBBEAg",
  "AiADEEIgByAMQQJ0aiEHIAJBwABqIQIMAgsLIAEgB2ohDSAAIAdqIA0gBCAHEEAEQCACIARBBEYEeyAN/QAEACAN/QAEECAN",
  "/QAEICAN/QAEMBBMBSAN/QAEACAN/QAEECAN/QAEIBBNC/0LBABBACEKIAIgCUEBIAMgBRBSIAYEQCANIA0gDGogBCAGIAZB",
  "gAJqIAsQHiELCwUgAiACIANr/QAEAP0LBAALIAcgDGohByACQRBqIQIMAAsLIAAgCCADIARsEAogASAIaiAAIAhqIAMgBGwg",
  "CGsQQyAKIAEgCGogAiADIAQgBhBKcQt8AQJ7/Qz/AAAA/wAAAP8AAAD/AAAAIQQgAEEQ/a0BIAT9TiAAIAT9TiAF/Tf9TyAB",
  "QRD9rQEgBP1OIAEgBP1OIAX9N/1P/YYBIAJBEP2tASAE/U4gAiAE/U4gBf03/U8gA0EQ/a0BIAT9TiADIAT9TiAF/Tf9T/2G",
  "Af1mC2wAIAAgAf0NAgUICw4RFBcaHQAAAAAAACAC/Q0AAQIDBAUGBwgJEBMWGRwfIAAgAf0NAAMGCQwPEhUYGx4AAAAAACAC",
  "/Q0AAQIDBAUGBwgJChEUFxod/QwAAAAAAAAAAAAAAAAAAAAA/SP9TwvgAQIEewR/IAEhDUF/IQ5BASEMAkADQCABIAJPDQEg",
  "AP0ABAAhByAA/QAEECEIIAD9AAQgIQkgAP0ABDAhCiAAIANrIQsgA0EARyAHIAv9AAQA/VEgCCAL/QAEEP1R/VAgCSAL/QAE",
  "IP1RIAogC/0ABDD9Uf1Q/VD9U0VxBEAgASABIARr/QAEAP0LBAAFQQAhDCABIAcgCCAJIAoQTP0LBAAgASANIAMgBCAFEFIg",
  "BgRAIAAgAEHAAGpBBCAGIAZBgAJqIA4QHiEOCwsgAEHAAGohACABQRBqIQEMAAsLIAwLyAECA3sEfyABIQxBfyENQQEhCwJA",
  "A0AgASACTw0BIAD9AAQAIQcgAP0ABBAhCCAA/QAEICEJIAAgA2shCiADQQBHIAcgCv0ABAD9USAIIAr9AAQQ/VH9UCAJIAr9",
  "AAQg/VH9UP1TRXEEQCABIAEgBGv9AAQA/QsEAAVBACELIAEgByAIIAkQTf0LBAAgASAMIAMgBCAFEFIgBgRAIAAgAEEwakED",
  "IAYgBkGAAmogDRAeIQ0LCyAAQTBqIQAgAUEQaiEBDAALCyALC6YHBQR/AXsCfwF7DH8gA/0PIREgAkFwcSESIAogCygCACAF",
  "QQFqIAYgAhBRIAJBBHZBAWpBAnQhHwJAA0AgDSABTw0BIAAgDSACbGohDyAFIA0gBmxqIRAgEEECOgAAIAkgEDYCACAJQQRq",
  "IQlBASEYIBBBAWohEEEAIRNBACEXIAIhDkEAIRxBACEgIA1BAEcgCCANai0AAHFFBEBBASEgIBIhDiAMIA0gH2xqIR0gDQR/",
  "IB0oAgAFIAJBBHYLIRwLQXAhHkEAIRsCQANAIBsgHE8NASANBH8gHSAbQQJ0aigCBAUgG0EEdAshGSAYIBkgHkEQaktxBEAg",
  "CSAQIB5BEGpqNgIAIAlBBGohCUEAIRgLIBkhHiAPIBlq/QAEACAR/SMgDQR7IA8gGWogAmv9AAQAIBH9IwUgBCAZav0ABAAL",
  "/XEhFCAU/VMEQCAQIBlqIBT9CwQAQQEhEyAKIBlBBHZBAWo2AgAgCiAU/QsEBCAKQRRqIQogFP0MAAAAAAAAAAAAAAAAAAAA",
  "AP0k/WQhGSAZIBlBAXQgGHJzQf//A3EhGiAZQQ92IRgCQANAIBpFDQEgCSAQIB5qIBpoajYCACAJQQRqIQkgGiAaQQFrcSEa",
  "DAALCwUgGARAIAkgECAZajYCACAJQQRqIQlBACEYCwsgG0EBaiEbDAALCyAYICBxIBIgHkEQaktxBEAgCSAQIB5BEGpqNgIA",
  "IAlBBGohCUEAIRgLAkADQCAOIAJPDQFB/wFBACAPIA5qLQAAIANGGyEVIA0Ef0H/AUEAIA8gDmogAmstAAAgA0YbBSAEIA5q",
  "LQAACyEWIBUgFmtB/wFxIRUgECAOaiAVOgAAIBcgFXIhFyAVQQBHIBhHBEAgCSAQIA5qNgIAIAlBBGohCSAYRSEYCyAOQQFq",
  "IQ4MAAsLIBcEQCAKIBJBBHZBAWo2AgAgCkEEaiAQIBJqIAIgEmv8CgAAIAogAiASa0EEamohCgsgCkEANgIAIApBBGohCiAH",
  "IA1qIBMgF0EAR3I6AAAgGARAIAkgECACaiAQIAcgDWotAAAbNgIAIAlBBGohCQsgDUEBaiENDAALCyALIAo2AgAgAQRAIAAg",
  "AUEBayACbGohD0EAIQ4CQANAIA4gEk8NASAEIA5qIA8gDmr9AAQAIBH9I/0LBAAgDkEQaiEODAALCwJAA0AgDiACTw0BIAQg",
  "DmpB/wFBACAPIA5qLQAAIANGGzoAACAOQQFqIQ4MAAsLCyAJC4gBAQN/IARBcHEhBwJAA0AgACABTw0BIAAoAgAhBSAFRQRA",
  "IAIgA2ohAiAAQQRqIQAMAQsgBUEBa0EEdCEGIAYgB0kEQCACIAZq/QwAAAAAAAAAAAAAAAAAAAAA/QsEACAAQRRqIQAFIAIg",
  "BmpBACAEIAZr/AsAIAAgBCAGa0EEamohAAsMAAsLC0QBAX8gAkUEQA8LIAD9AAQAIAAgA2v9AAQA/VH9U0UEQA8LIAQoAgAh",
  "BSAEIAVBAnRqIAAgAWs2AgQgBCAFQQFqNgIAC44BAQR/AkADQCAFIAFPDQEgAyAFQQh0aiEIAkAgBUEARyAEIAVqLQAAcQRA",
  "IAggCEGAAmtBgAL8CgAADAELIAhBAEGAAvwLACAAIAUgAmxqIQYgBiACaiEHAkADQCAGQRBqIAdLDQEgBiAIEFUgBkEQaiEG",
  "DAALCyAGIAcgBmsgCBBWCyAFQQFqIQUMAAsLC7YBAQh/IAJBcHEhCyACQQR2QQFqQQJ0IQwgBEEAQYAC/AsAAkADQCAFIAFP",
  "DQEgACAFIAJsaiEGIAUEQCADIAUgDGxqIQogCigCACEJQQAhCAJAA0AgCCAJTw0BIAYgCiAIQQJ0aigCBGogBBBVIAhBAWoh",
  "CAwACwsFQQAhBwJAA0AgByALTw0BIAYgB2ogBBBVIAdBEGohBwwACwsLIAYgC2ogAiALayAEEFYgBUEBaiEFDAALCwtkAgJ7",
  "An8gAP0ABAAhAiAALQAAIQUgAiAF/Q/9IyEDIAEgBWpBAToAAAJAA0AgA/1kQf//A3MhBCAERQ0BIAAgBGhqLQAAIQUgASAF",
  "akEBOgAAIAMgAiAF/Q/9I/1QIQMMAAsLCy4BAX8gACABaiEDAkADQCAAIANPDQEgAiAALQAAakEBOgAAIABBAWohAAwACwsL",
  "ugECAX8EewJAA0AgA0HAAGogAUsNASAAIANq/QAEACEEIAAgA2r9AAQQIQUgACADav0ABCAhBiAAIANq/QAEMCEHIAQgBf1Q",
  "IAYgB/1Q/VD9UwRAIAIgAyAEEFkhAiACIANBEGogBRBZIQIgAiADQSBqIAYQWSECIAIgA0EwaiAHEFkhAgsgA0HAAGohAwwA",
  "CwsCQANAIAMgAU8NASACIAMgACADav0ABAAQWSECIANBEGohAwwACwsgAgvxAQIBfwR7AkADQCAEQcAAaiACSw0BIAAgBGr9",
  "AAQAIAEgBGr9AAQA/XEhBSAAIARq/QAEECABIARq/QAEEP1xIQYgACAEav0ABCAgASAEav0ABCD9cSEHIAAgBGr9AAQwIAEg",
  "BGr9AAQw/XEhCCAFIAb9UCAHIAj9UP1Q/VMEQCADIAQgBRBZIQMgAyAEQRBqIAYQWSEDIAMgBEEgaiAHEFkhAyADIARBMGog",
  "CBBZIQMLIARBwABqIQQMAAsLAkADQCAEIAJPDQEgAyAEIAAgBGr9AAQAIAEgBGr9AAQA/XEQWSEDIARBEGohBAwACwsgAwsn",
  "ACAC/VNFBEAgAA8LIAAgAUEEdkEBajYCACAAIAL9CwQEIABBFGoLQgECfyACQXBxIQUgASEEAkADQCAEIAVPDQEgAyAEIAAg",
  "BGr9AAQAEFkhAyAEQRBqIQQMAAsLIABBfyAFIAIgAxA1C1QBAX8CQANAIAJBEGogAUsNASAAIAJq/QAEAP1TBEBBAA8LIAJB",
  "EGohAgwACwsCQANAIAIgAU8NASAAIAJqLQAABEBBAA8LIAJBAWohAgwACwtBAQvVAQEBfwJAA0AgA0HAAGogAksNASAAIANq",
  "/QAEACABIANq/QAEAP1RIAAgA2r9AAQQIAEgA2r9AAQQ/VH9UCAAIANq/QAEICABIANq/QAEIP1RIAAgA2r9AAQwIAEgA2r9",
  "AAQw/VH9UP1Q/VMNASADQcAAaiEDDAALCwJAA0AgA0EQaiACSw0BIAAgA2r9AAQAIAEgA2r9AAQA/VH9Uw0BIANBEGohAwwA",
  "CwsCQANAIAMgAk8NASAAIANqLQAAIAEgA2otAABHDQEgA0EBaiEDDAALCyADC2gBAX8CQANAIANBEGogAksNASAAIANq/QAE",
  "ACABIANq/QAEAP1R/VMEQEEADwsgA0EQaiEDDAALCwJAA0AgAyACTw0BIAAgA2otAAAgASADai0AAEcEQEEADwsgA0EBaiED",
  "DAALC0EBC+8DAgh/BHsgAkH//wNxIQMgAkEQdiEEIAAgAWohBQJAA0AgACAFTw0BIAUgAEGAK2ogBSAAa0GAK0kbIQZBACEI",
  "/QwAAAAAAAAAAAAAAAAAAAAAIQz9DAAAAAAAAAAAAAAAAAAAAAAhDf0MAAAAAAAAAAAAAAAAAAAAACEOAkADQCAAIQcCQANA",
  "IABBwABqIAZLDQEgAP0ABAAgAP0ABBD9UCAA/QAEICAA/QAEMP1Q/VD9Uw0BIABBwABqIQAMAAsLIAAgB2tBBHYhCSAIIAlq",
  "IQggDSAMIAn9Ef21Af2uASENIABBwABqIAZLDQFBBCEKA0AgAP0ABAAhCyANIAz9rgEhDSAMIAv9ff1//a4BIQwgDiAL/YkB",
  "/QwQAA8ADgANAAwACwAKAAkA/boBIAv9igH9DAgABwAGAAUABAADAAIAAQD9ugH9rgH9rgEhDiAAQRBqIQAgCkEBayEKIAoN",
  "AAsgCEEEaiEIDAALCyAEIANBBHQgCGxqIA0QDKdB8f8DcEEEdCAOEAynamohBCADIAwQDKdqIQMgA0Hx/wNwIQMgBEHx/wNw",
  "IQQCQANAIAAgBk8NASADIAAtAABqIQMgBCADaiEEIABBAWohAAwACwsgA0Hx/wNwIQMgBEHx/wNwIQQMAAsLIARBEHQgA3IL"
].join("");

// lib/flate/_adler32.ts
var MODULUS = 65521;
var Adler32 = class {
  /** The sum of the bytes, plus one. */
  a = 1;
  /** The sum of the `a`s. */
  b = 0;
  /** Takes one byte. */
  byte(value) {
    this.a = (this.a + value) % MODULUS;
    this.b = (this.b + this.a) % MODULUS;
  }
  /** Takes `count` zero bytes. */
  zeros(count) {
    this.b = (this.b + count * this.a) % MODULUS;
  }
  /** Takes `bytes[from..to)`. */
  bytes(bytes, from, to) {
    let a = this.a;
    let b = this.b;
    for (let i = from; i < to; i++) {
      a = (a + bytes[i]) % MODULUS;
      b = (b + a) % MODULUS;
    }
    this.a = a;
    this.b = b;
  }
  /** Takes `count` scanlines of a filter-type byte and `zeros` zero bytes. */
  zeroRows(filter, zeros, count) {
    const rows = count % MODULUS;
    const half = count % 2 === 0 ? count / 2 % MODULUS * ((count + 1) % MODULUS) : count % MODULUS * ((count + 1) / 2 % MODULUS);
    const added = (rows * this.a + filter * (half % MODULUS)) % MODULUS;
    this.b = (this.b + (zeros + 1) % MODULUS * added) % MODULUS;
    this.a = (this.a + filter * rows) % MODULUS;
  }
  /** The check, as a 32-bit unsigned number. */
  value() {
    return this.b * 65536 + this.a;
  }
};

// lib/flate/_bit_writer.ts
var FIRST_BYTES = 1 << 14;
var spareBuffers = [];
var SPARE_BUFFERS = 16;
var MOST_SPARE_BYTES = 4 * FIRST_BYTES;
var BitWriter = class {
  #out = spareBuffers.pop() ?? new Uint8Array(FIRST_BYTES);
  #size = 0;
  #bits = 0;
  #count = 0;
  /** The last pattern `repeat` packed, its bits, and as many copies as fit in 24 bits. */
  #pattern = -1;
  #patternBits = 0;
  #packed = 0;
  /** Appends `count` bits (at most 24) of `value`, least significant first. */
  put(value, count) {
    let bits = this.#bits | value << this.#count;
    let pending = this.#count + count;
    if (pending >= 8) {
      if (this.#size + 4 > this.#out.length) this.#grow();
      const out = this.#out;
      for (; pending >= 8; pending -= 8, bits >>>= 8) out[this.#size++] = bits & 255;
    }
    this.#bits = bits;
    this.#count = pending;
  }
  /** Appends `times` copies of a pattern of `bits` bits (at most 30). */
  repeat(pattern, bits, times) {
    if (bits > 24) {
      for (; times > 0; times--) this.putLong(pattern, bits);
      return;
    }
    const copies = Math.floor(24 / bits);
    if (pattern !== this.#pattern || bits !== this.#patternBits) {
      this.#pattern = pattern;
      this.#patternBits = bits;
      this.#packed = pattern;
      for (let i = 1; i < copies; i++) this.#packed |= pattern << i * bits;
    }
    const packed = this.#packed;
    for (; times >= copies; times -= copies) this.put(packed, copies * bits);
    if (times > 0) this.put(packed & (1 << times * bits) - 1, times * bits);
  }
  /** Appends `count` bits (at most 53) of `value`, a whole number, least significant first. */
  putLong(value, count) {
    for (; count > 24; count -= 24) {
      this.put(value % 16777216, 24);
      value = Math.floor(value / 16777216);
    }
    this.put(value, count);
  }
  /** The bits not yet in a whole byte (fewer than 8), as the bits of a number, and how many. */
  pending() {
    return {
      bits: this.#bits,
      count: this.#count
    };
  }
  /**
   * Appends whole bytes written elsewhere, which began with the bits {@linkcode BitWriter.pending}
   * gave, and the bits left over after them (fewer than 8).
   */
  append(bytes, bits, count) {
    while (this.#size + bytes.length + 4 > this.#out.length) this.#grow();
    this.#out.set(bytes, this.#size);
    this.#size += bytes.length;
    this.#bits = bits;
    this.#count = count;
  }
  /** Pads the last byte with zero bits. */
  alignToByte() {
    if (this.#count > 0) this.byte(this.#bits & 255);
    this.#bits = this.#count = 0;
  }
  /** Appends a whole byte; only right after {@linkcode BitWriter.alignToByte}. */
  byte(value) {
    if (this.#size === this.#out.length) this.#grow();
    this.#out[this.#size++] = value;
  }
  /** Doubles the buffer. */
  #grow() {
    const larger = new Uint8Array(Math.max(FIRST_BYTES, this.#out.length * 2));
    larger.set(this.#out);
    this.#out = larger;
  }
  /** Empties the writer. */
  clear() {
    this.#size = this.#bits = this.#count = 0;
  }
  /**
   * Empties the writer and gives its buffer to the next writer made: the views
   * {@linkcode BitWriter.bytes} gave are then overwritten by that writer. Writing on grows a
   * new buffer.
   */
  release() {
    const out = this.#out;
    if (out.length > 0 && out.length <= MOST_SPARE_BYTES && spareBuffers.length < SPARE_BUFFERS) {
      spareBuffers.push(out);
    }
    this.#out = new Uint8Array(0);
    this.clear();
  }
  /** The bits written so far as one whole number, when they are 48 at most (see `putLong`). */
  asNumber() {
    const count = this.#size * 8 + this.#count;
    if (count > 48) return void 0;
    let value = this.#bits * 2 ** (this.#size * 8);
    for (let i = 0; i < this.#size; i++) value += this.#out[i] * 2 ** (i * 8);
    return {
      value,
      count
    };
  }
  /** The bytes written so far (a view, valid until the next write). */
  bytes() {
    return this.#out.subarray(0, this.#size);
  }
};

// lib/flate/_huffman.ts
function huffmanLengths(frequencies, limit, out = new Uint8Array(frequencies.length)) {
  const weights = weightsOf(frequencies);
  for (; ; ) {
    const lengths = treeDepths(weights, out);
    let longest = 0;
    for (let i = 0; i < lengths.length; i++) longest = Math.max(longest, lengths[i]);
    if (longest <= limit) return lengths;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] > 0) weights[i] = Math.max(1, weights[i] >>> 1);
    }
  }
}
var scratch = {
  /** The frequencies, copied: they are halved there when a tree is too deep, never in place. */
  weights: new Uint32Array(288),
  keys: new Float64Array(288),
  weight: new Float64Array(2 * 288),
  parent: new Int32Array(2 * 288),
  depth: new Uint8Array(2 * 288)
};
function weightsOf(frequencies) {
  if (scratch.weights.length < frequencies.length) {
    scratch.weights = new Uint32Array(frequencies.length);
  }
  const weights = scratch.weights.subarray(0, frequencies.length);
  weights.set(frequencies);
  return weights;
}
function treeDepths(weights, lengths) {
  lengths.fill(0);
  if (scratch.keys.length < weights.length) {
    const n = weights.length;
    Object.assign(scratch, {
      keys: new Float64Array(n),
      weight: new Float64Array(2 * n),
      parent: new Int32Array(2 * n),
      depth: new Uint8Array(2 * n)
    });
  }
  const { keys, weight, parent, depth } = scratch;
  let count = 0;
  for (let symbol = 0; symbol < weights.length; symbol++) {
    if (weights[symbol] > 0) keys[count++] = weights[symbol] * 65536 + symbol;
  }
  const leaves = keys.subarray(0, count).sort();
  if (count === 1) lengths[leaves[0] % 65536] = 1;
  if (count < 2) return lengths;
  for (let node = 0; node < count; node++) weight[node] = Math.floor(leaves[node] / 65536);
  let made2 = count;
  let leaf = 0;
  let inner = count;
  const smallest = () => {
    if (leaf < count && (inner >= made2 || weight[leaf] <= weight[inner])) return leaf++;
    return inner++;
  };
  while (count - leaf + made2 - inner > 1) {
    const a = smallest();
    const b = smallest();
    parent[a] = parent[b] = made2;
    weight[made2] = weight[a] + weight[b];
    made2++;
  }
  depth[made2 - 1] = 0;
  for (let node = made2 - 2; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  for (let node = 0; node < count; node++) lengths[leaves[node] % 65536] = depth[node];
  return lengths;
}
function atLeastTwo(frequencies) {
  let used = 0;
  for (let i = 0; i < frequencies.length; i++) if (frequencies[i] > 0) used++;
  for (let i = 0; used < 2; i++) {
    if (frequencies[i] === 0) {
      frequencies[i] = 1;
      used++;
    }
  }
  return frequencies;
}
function canonicalCodes(lengths, out = new Uint16Array(lengths.length)) {
  const { counts, next } = CODE_SCRATCH;
  counts.fill(0);
  for (let symbol = 0; symbol < lengths.length; symbol++) counts[lengths[symbol]]++;
  counts[0] = 0;
  for (let bits = 1, code = 0; bits < 16; bits++) {
    code = code + counts[bits - 1] << 1;
    next[bits] = code;
  }
  const codes = out.fill(0);
  for (let symbol = 0; symbol < lengths.length; symbol++) {
    const length = lengths[symbol];
    if (length === 0) continue;
    const code = next[length]++;
    const reversed = REVERSED_BYTE[code & 255] << 8 | REVERSED_BYTE[code >>> 8];
    codes[symbol] = reversed >>> 16 - length;
  }
  return codes;
}
var CODE_SCRATCH = {
  counts: new Uint16Array(16),
  next: new Uint16Array(16)
};
var REVERSED_BYTE = Uint8Array.from({
  length: 256
}, (_, byte) => {
  let reversed = 0;
  for (let i = 0; i < 8; i++) reversed |= (byte >>> i & 1) << 7 - i;
  return reversed;
});

// lib/flate/_code_lengths.ts
var CODE_LENGTH_ORDER = [
  16,
  17,
  18,
  0,
  8,
  7,
  9,
  6,
  10,
  5,
  11,
  4,
  12,
  3,
  13,
  2,
  14,
  1,
  15
];
var SCRATCH = {
  lengths: new Uint8Array(286 + 30),
  frequencies: new Uint32Array(19),
  symbols: new Uint8Array(286 + 30),
  extras: new Uint8Array(286 + 30),
  codeLengths: new Uint8Array(19),
  codes: new Uint16Array(19)
};
function writeCodeLengths(writer, literalLengths, distanceLengths) {
  let literalCount = 286;
  while (literalCount > 257 && literalLengths[literalCount - 1] === 0) literalCount--;
  let distanceCount = 30;
  while (distanceCount > 1 && distanceLengths[distanceCount - 1] === 0) distanceCount--;
  const lengths = SCRATCH.lengths.subarray(0, literalCount + distanceCount);
  lengths.set(literalLengths.subarray(0, literalCount));
  lengths.set(distanceLengths.subarray(0, distanceCount), literalCount);
  const { symbols, extras } = SCRATCH;
  const count = runLengthCoded(lengths, symbols, extras);
  const frequencies = SCRATCH.frequencies.fill(0);
  for (let i = 0; i < count; i++) frequencies[symbols[i]]++;
  const codeLengths = huffmanLengths(atLeastTwo(frequencies), 7, SCRATCH.codeLengths);
  const codes = canonicalCodes(codeLengths, SCRATCH.codes);
  let codeLengthCount = 19;
  while (codeLengthCount > 4 && codeLengths[CODE_LENGTH_ORDER[codeLengthCount - 1]] === 0) {
    codeLengthCount--;
  }
  writer.put(literalCount - 257, 5);
  writer.put(distanceCount - 1, 5);
  writer.put(codeLengthCount - 4, 4);
  for (let i = 0; i < codeLengthCount; i++) writer.put(codeLengths[CODE_LENGTH_ORDER[i]], 3);
  for (let i = 0; i < count; i++) {
    const symbol = symbols[i];
    writer.put(codes[symbol], codeLengths[symbol]);
    if (symbol >= 16) writer.put(extras[i], symbol === 16 ? 2 : symbol === 17 ? 3 : 7);
  }
}
function runLengthCoded(lengths, symbols, extras) {
  let count = 0;
  const push = (symbol, extra) => {
    symbols[count] = symbol;
    extras[count++] = extra;
  };
  for (let i = 0; i < lengths.length; ) {
    const value = lengths[i];
    let run = 1;
    while (i + run < lengths.length && lengths[i + run] === value) run++;
    if (value === 0 && run >= 3) {
      const taken = Math.min(run, 138);
      push(taken >= 11 ? 18 : 17, taken >= 11 ? taken - 11 : taken - 3);
      i += taken;
      continue;
    }
    push(value, 0);
    i++;
    for (let left = run - 1; value !== 0 && left >= 3; ) {
      const taken = Math.min(left, 6);
      push(16, taken - 3);
      i += taken;
      left -= taken;
    }
  }
  return count;
}

// lib/flate/_deflate_block.ts
var LENGTH_BASE = [
  3,
  4,
  5,
  6,
  7,
  8,
  9,
  10,
  11,
  13,
  15,
  17,
  19,
  23,
  27,
  31,
  35,
  43,
  51,
  59,
  67,
  83,
  99,
  115,
  131,
  163,
  195,
  227,
  258
];
var LENGTH_EXTRA = [
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0
];
var MAX_MATCH = 258;
var END_OF_BLOCK = 256;
var LENGTH_CODE = new Uint8Array(MAX_MATCH + 1);
for (let code = 0; code < LENGTH_BASE.length; code++) {
  const next = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code + 1] : MAX_MATCH + 1;
  for (let length = LENGTH_BASE[code]; length < next; length++) LENGTH_CODE[length] = code;
}
var ZERO_ROW = 256;
var MOST_ZERO_ROWS = 128;
var BLOCK = {
  literals: new Uint32Array(286),
  distances: new Uint32Array(30),
  literalLengths: new Uint8Array(286),
  distanceLengths: new Uint8Array(30),
  literalCodes: new Uint16Array(286),
  distanceCodes: new Uint16Array(30)
};
function writeDynamicBlock(writer, tokens, final, symbols) {
  const { literals, distances } = BLOCK;
  literals.fill(0);
  distances.fill(0);
  literals[END_OF_BLOCK] = 1;
  if (!symbols?.countSymbols(tokens, literals, distances)) {
    countSymbols(tokens, literals, distances);
  }
  const literalLengths = huffmanLengths(atLeastTwo(literals), 15, BLOCK.literalLengths);
  const distanceLengths = huffmanLengths(atLeastTwo(distances), 15, BLOCK.distanceLengths);
  writer.put(final ? 1 : 0, 1);
  writer.put(2, 2);
  writeCodeLengths(writer, literalLengths, distanceLengths);
  const codes = blockCodes(literalLengths, distanceLengths);
  if (!symbols?.writeSymbols(writer, tokens, codes, symbolBits(literals, distances, codes))) {
    writeSymbols(writer, tokens, codes);
  }
  writer.put(codes.literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
}
function blockCodes(literalLengths, distanceLengths) {
  const literalCodes = canonicalCodes(literalLengths, BLOCK.literalCodes);
  const distanceCodes = canonicalCodes(distanceLengths, BLOCK.distanceCodes);
  const symbol = 257 + LENGTH_CODE[MAX_MATCH];
  const fullPattern = new Uint32Array(3);
  const fullBits = new Uint8Array(3);
  for (let code = 0; code < 3; code++) {
    fullPattern[code] = literalCodes[symbol] | distanceCodes[code] << literalLengths[symbol];
    fullBits[code] = literalLengths[symbol] + distanceLengths[code];
  }
  return {
    literalCodes,
    literalLengths,
    distanceCodes,
    distanceLengths,
    fullPattern,
    fullBits
  };
}
function countSymbols(tokens, literals, distances) {
  const { lengths, values, count } = tokens;
  for (let t = 0; t < count; t++) {
    let length = lengths[t];
    let value = values[t];
    if (length === 0) {
      literals[value]++;
      continue;
    }
    let times = 1;
    if (value >= ZERO_ROW) {
      times = (value >> 9) + 1;
      while (t + 1 < count && lengths[t + 1] === length && values[t + 1] === value) {
        t++;
        times += (value >> 9) + 1;
      }
      literals[value & 255] += times;
      literals[0] += times;
      length--;
      value = 1;
    }
    let fulls = Math.floor(length / MAX_MATCH);
    const rest = length - fulls * MAX_MATCH;
    if (rest > 0 && rest < 3) {
      fulls--;
      literals[257 + LENGTH_CODE[MAX_MATCH + rest - 3]] += times;
      literals[257 + LENGTH_CODE[3]] += times;
      distances[value - 1] += 2 * times;
    } else if (rest > 0) {
      literals[257 + LENGTH_CODE[rest]] += times;
      distances[value - 1] += times;
    }
    literals[257 + LENGTH_CODE[MAX_MATCH]] += fulls * times;
    distances[value - 1] += fulls * times;
  }
}
function symbolBits(literals, distances, codes) {
  let bits = -codes.literalLengths[END_OF_BLOCK];
  for (let symbol = 0; symbol < 286; symbol++) {
    bits += literals[symbol] * codes.literalLengths[symbol];
  }
  for (let code = 0; code < LENGTH_EXTRA.length; code++) {
    bits += literals[257 + code] * LENGTH_EXTRA[code];
  }
  for (let code = 0; code < 30; code++) bits += distances[code] * codes.distanceLengths[code];
  return bits;
}
function writeSymbols(writer, tokens, codes) {
  const { lengths, values, count } = tokens;
  const { literalCodes, literalLengths } = codes;
  let rowKey = -1;
  let row;
  for (let t = 0; t < count; t++) {
    const length = lengths[t];
    const value = values[t];
    if (length === 0) writer.put(literalCodes[value], literalLengths[value]);
    else if (value < ZERO_ROW) writeMatch(writer, codes, length, value - 1);
    else {
      const filter = value & 255;
      if (rowKey !== length * 256 + filter) {
        rowKey = length * 256 + filter;
        ROW_BITS.clear();
        writeZeroRow(ROW_BITS, codes, length, filter);
        row = ROW_BITS.asNumber();
      }
      for (let rows = (value >> 9) + 1; rows > 0; rows--) {
        if (row) writer.putLong(row.value, row.count);
        else writeZeroRow(writer, codes, length, filter);
      }
    }
  }
}
var ROW_BITS = new BitWriter();
function writeZeroRow(writer, codes, zeros, filter) {
  const { literalCodes, literalLengths } = codes;
  writer.put(literalCodes[filter], literalLengths[filter]);
  writer.put(literalCodes[0], literalLengths[0]);
  writeMatch(writer, codes, zeros - 1, 0);
}
function writeMatch(writer, codes, length, distanceCode) {
  let fulls = Math.floor(length / MAX_MATCH);
  const rest = length - fulls * MAX_MATCH;
  if (rest > 0 && rest < 3) {
    fulls--;
    writePiece(writer, codes, MAX_MATCH + rest - 3, distanceCode);
    writePiece(writer, codes, 3, distanceCode);
  } else if (rest > 0) writePiece(writer, codes, rest, distanceCode);
  if (fulls > 0) {
    writer.repeat(codes.fullPattern[distanceCode], codes.fullBits[distanceCode], fulls);
  }
}
function writePiece(writer, codes, length, distanceCode) {
  const { literalCodes, literalLengths, distanceCodes, distanceLengths } = codes;
  const code = LENGTH_CODE[length];
  const symbol = 257 + code;
  const lengthBits = literalLengths[symbol];
  const extraBits = LENGTH_EXTRA[code];
  const distanceBits = distanceLengths[distanceCode];
  const extra = length - LENGTH_BASE[code];
  if (lengthBits + extraBits + distanceBits <= 24) {
    const value = literalCodes[symbol] | extra << lengthBits | distanceCodes[distanceCode] << lengthBits + extraBits;
    return writer.put(value, lengthBits + extraBits + distanceBits);
  }
  writer.put(literalCodes[symbol], lengthBits);
  writer.put(extra, extraBits);
  writer.put(distanceCodes[distanceCode], distanceBits);
}

// lib/flate/_byte_runs.ts
function runLength(bytes, at, i, to, distance) {
  const max = Math.min(MAX_MATCH, to - i);
  let length = 0;
  while (length < max && bytes[i + length] === at(i + length - distance)) length++;
  return length;
}
var wordsOf;
function skipZerosByWord(bytes, from, to) {
  const offset = bytes.byteOffset;
  let i = from;
  while (i < to && (offset + i & 3) !== 0) {
    if (bytes[i] !== 0) return i;
    i++;
  }
  if (i >= to) return to;
  const { buffer } = bytes;
  if (wordsOf?.buffer !== buffer || wordsOf.words.length !== buffer.byteLength >> 2) {
    wordsOf = {
      buffer,
      words: new Int32Array(buffer, 0, buffer.byteLength >> 2)
    };
  }
  const words = wordsOf.words;
  let w = offset + i >> 2;
  const lastWord = offset + to >> 2;
  while (w < lastWord && words[w] === 0) w++;
  i = w * 4 - offset;
  while (i < to && bytes[i] === 0) i++;
  return i;
}

// lib/flate/_spare_tokens.ts
var spareTokens = [];
var SPARE_TOKENS = 16;
function takeTokens(size) {
  const index = spareTokens.findLastIndex((tokens) => tokens.lengths.length === size);
  if (index >= 0) return spareTokens.splice(index, 1)[0];
  return {
    lengths: new Uint32Array(size),
    values: new Uint16Array(size),
    count: 0
  };
}
function giveTokens(tokens) {
  tokens.count = 0;
  if (spareTokens.length < SPARE_TOKENS) spareTokens.push(tokens);
}

// lib/flate/_kernel_region.ts
var SYMBOL_STATE = 32;
var TOKENS = 48;
var COUNTS = 1312;
var CODES_BYTES = COUNTS + 4 * (286 + 30);
var SYMBOL_BYTES = 128 * 1024;
function kernelRunBytes(blockTokens) {
  return codesAt(blockTokens) + CODES_BYTES + SYMBOL_BYTES;
}
function codesAt(blockTokens) {
  return TOKENS + 6 * (blockTokens + 1) + 15 & ~15;
}

// lib/flate/_kernel_runs.ts
var KernelRuns = class {
  /** A block's tokens, in the kernels' memory, when they live there. */
  tokens;
  #kernel;
  #view;
  #lengths;
  #values;
  #codes;
  /** The base lengths' table in the region. */
  #bases;
  /** The region's token buffers. */
  #region;
  /** The tokens copied to the region last, and how many. */
  #staged;
  #stagedCount = 0;
  /**
   * @param kernel The kernels and where the deflater's region is.
   * @param blockTokens The most tokens in a block.
   * @param resident Whether the block's tokens live in the region.
   */
  constructor(kernel, blockTokens, resident) {
    const { memory, at } = kernel;
    if (at % 16 !== 0) throw new RangeError(`the kernel's region at ${at} is not 16-byte aligned`);
    this.#kernel = kernel;
    this.#view = new DataView(memory.buffer, memory.byteOffset + at, TOKENS);
    const { buffer, byteOffset } = memory;
    this.#lengths = at + TOKENS;
    this.#values = this.#lengths + 4 * (blockTokens + 1);
    this.#region = {
      lengths: new Uint32Array(buffer, byteOffset + this.#lengths, blockTokens + 1),
      values: new Uint16Array(buffer, byteOffset + this.#values, blockTokens + 1),
      count: 0
    };
    this.tokens = resident ? this.#region : void 0;
    this.#codes = at + codesAt(blockTokens);
    this.#bases = new Uint16Array(buffer, byteOffset + this.#codes + 1250, LENGTH_BASE.length);
    this.prepare();
  }
  /**
   * Writes the region's fixed tables, and has the kernel read zeros: when it is made, and when
   * it is lent again (the region may have held other buffers meanwhile).
   */
  prepare() {
    const { memory } = this.#kernel;
    memory.set(LENGTH_CODE, this.#codes + 960);
    memory.set(LENGTH_EXTRA, this.#codes + 1220);
    this.#bases.set(LENGTH_BASE);
    this.unfollow();
  }
  /**
   * Where `bytes` start in the kernels' memory, or -1 when they are not in it.
   *
   * @param bytes Bytes the deflater is given.
   * @returns Their offset in the memory.
   */
  offsetOf(bytes) {
    const { memory } = this.#kernel;
    return bytes.buffer === memory.buffer ? bytes.byteOffset - memory.byteOffset : -1;
  }
  /**
   * Puts a stream's state where the kernel reads it.
   *
   * @param adler The stream's check so far.
   * @param taken How many bytes it took.
   * @param before The last three, latest first.
   */
  start(adler, taken, before) {
    const view = this.#view;
    view.setUint32(0, adler.a, true);
    view.setUint32(4, adler.b, true);
    view.setUint32(8, Math.min(taken, 3), true);
    for (let k = 0; k < 3; k++) view.setUint8(12 + k, before[k]);
  }
  /**
   * Lets the kernel find zeros from the scanlines' canonical form (`digestPieces` in the
   * kernels) rather than by reading them, until {@linkcode KernelRuns.unfollow}.
   *
   * @param form Where the form of the scanlines' bytes after their filter types starts.
   * @param first The first scanline's byte after its filter type.
   * @param rowBytes The bytes of a scanline after its filter type.
   */
  follow(form, first, rowBytes) {
    this.#view.setUint32(20, form, true);
    this.#view.setUint32(24, first, true);
    this.#view.setUint32(28, rowBytes, true);
  }
  /** Has the kernel read the zeros again. */
  unfollow() {
    this.#view.setUint32(28, 0, true);
  }
  /**
   * Finds the tokens from `from` (a position in the kernels' memory, 3 at least), after the
   * block's `count` tokens so far: at least `room` of them (one more at most) unless `to` comes
   * first. They are then at `tokens` from `count` on: {@linkcode KernelRuns.collect} copies them
   * there when the block's tokens do not live in the region.
   *
   * @returns Where the kernel stopped; {@linkcode KernelRuns.found} tells how many it found.
   */
  find(from, to, pixel, room, count = 0) {
    const { runTokens, at } = this.#kernel;
    const skip = this.tokens === void 0 ? 0 : count;
    this.#staged = void 0;
    const lengths = this.#lengths + 4 * skip;
    return runTokens(from, to, pixel, at, lengths, this.#values + 2 * skip, room);
  }
  /**
   * Copies the tokens the last {@linkcode KernelRuns.find} found to the block's, from its
   * `count`-th on (nothing to do when they live in the region).
   *
   * @param tokens The block's tokens.
   */
  collect(tokens) {
    if (tokens === this.tokens) return;
    const found = this.found();
    const { lengths, values } = this.#region;
    for (let k = 0, to = tokens.count; k < found; k++, to++) {
      tokens.lengths[to] = lengths[k];
      tokens.values[to] = values[k];
    }
  }
  /**
   * Whether these are the kernels and region this was made for, still in the same memory.
   *
   * @param kernel Kernels lent again.
   */
  lentAgain(kernel) {
    const mine = this.#kernel;
    return kernel.memory.buffer === mine.memory.buffer && kernel.at === mine.at && kernel.runTokens === mine.runTokens;
  }
  /** How many tokens the last {@linkcode KernelRuns.find} found. */
  found() {
    return this.#view.getUint32(16, true);
  }
  /**
   * Reads back the stream's check and last bytes (the bytes taken are the caller's to add).
   *
   * @param adler Where the check goes.
   * @param before Where the last three bytes go.
   */
  finish(adler, before) {
    const view = this.#view;
    adler.a = view.getUint32(0, true);
    adler.b = view.getUint32(4, true);
    for (let k = 0; k < 3; k++) before[k] = view.getUint8(12 + k);
  }
  /** Counts the block's symbols by the kernel. */
  countSymbols(tokens, literals, distances) {
    const at = this.#stage(tokens, true);
    if (at === void 0) return false;
    const { memory } = this.#kernel;
    const counts = this.#codes + COUNTS;
    memory.fill(0, counts, counts + 4 * (286 + 30));
    this.#kernel.countSymbols(at.lengths, at.values, tokens.count, this.#codes, counts, counts + 4 * 286);
    const found = new Uint32Array(memory.buffer, memory.byteOffset + counts, 286 + 30);
    for (let symbol = 0; symbol < 286; symbol++) literals[symbol] += found[symbol];
    for (let code = 0; code < 30; code++) distances[code] += found[286 + code];
    return true;
  }
  /** Writes the block's symbols by the kernel, when they fit its room. */
  writeSymbols(writer, tokens, codes, bits) {
    const at = this.#stage(tokens, false);
    if (bits + 8 > 8 * SYMBOL_BYTES - 64) return false;
    if (at === void 0) return false;
    const { memory } = this.#kernel;
    const { buffer, byteOffset } = memory;
    const at16 = byteOffset + this.#codes;
    new Uint16Array(buffer, at16, 286).set(codes.literalCodes);
    memory.set(codes.literalLengths, this.#codes + 576);
    new Uint16Array(buffer, at16 + 864, 30).set(codes.distanceCodes);
    memory.set(codes.distanceLengths, this.#codes + 928);
    const pending = writer.pending();
    const view = this.#view;
    view.setUint32(SYMBOL_STATE, pending.bits, true);
    view.setUint32(SYMBOL_STATE + 4, pending.count, true);
    const out = this.#codes + CODES_BYTES;
    const state = this.#kernel.at + SYMBOL_STATE;
    const end = this.#kernel.writeSymbols(at.lengths, at.values, tokens.count, this.#codes, out, state);
    const left = view.getUint32(SYMBOL_STATE, true);
    writer.append(memory.subarray(out, end), left, view.getUint32(SYMBOL_STATE + 4, true));
    return true;
  }
  /**
   * Where the block's tokens are in the region: copied there first unless they live there, or
   * were copied by the `countSymbols` just before `writeSymbols`; `undefined` when they do not
   * fit.
   */
  #stage(tokens, copy) {
    const at = {
      lengths: this.#lengths,
      values: this.#values
    };
    if (tokens === this.tokens) return at;
    const staged = this.#staged === tokens && this.#stagedCount === tokens.count;
    this.#staged = void 0;
    if (!copy) return staged ? at : void 0;
    const room = (this.#values - this.#lengths) / 4;
    if (tokens.count > room) return void 0;
    this.#region.lengths.set(tokens.lengths.subarray(0, tokens.count));
    this.#region.values.set(tokens.values.subarray(0, tokens.count));
    this.#staged = tokens;
    this.#stagedCount = tokens.count;
    return at;
  }
};

// lib/flate/_kernel_loan.ts
var KernelLoan = class {
  #current;
  #own;
  #blockTokens;
  /** The runs of the kernels last lent, kept for the next loan. */
  #lent;
  /** The loans not given back yet (a call inside a call that was lent the kernels). */
  #open = 0;
  /**
   * @param blockTokens The most tokens in a deflate block.
   * @param own The deflater's own kernels, whose region then holds its block's tokens.
   */
  constructor(blockTokens, own) {
    this.#blockTokens = blockTokens;
    this.#own = own !== void 0;
    this.#current = own && new KernelRuns(own, blockTokens, true);
  }
  /** The kernels in use now: the deflater's own, or those lent for the call. */
  get current() {
    return this.#current;
  }
  /**
   * The kernels for a call: the deflater's own, or else `kernel` when given, until the matching
   * {@linkcode KernelLoan.giveBack}.
   */
  lend(kernel) {
    if (this.#own || kernel === void 0 || this.#open++ > 0) return this.#current;
    if (this.#lent?.lentAgain(kernel)) this.#lent.prepare();
    else this.#lent = new KernelRuns(kernel, this.#blockTokens, false);
    return this.#current = this.#lent;
  }
  /** Ends the loan of `kernel` that the matching {@linkcode KernelLoan.lend} made, if any. */
  giveBack(kernel) {
    if (this.#own || kernel === void 0 || --this.#open > 0) return;
    this.#current = void 0;
  }
};

// lib/flate/_scanline_runs.ts
function eachScanlineRun(bytes, scanlines, runs) {
  const { first, stride, count, flags, at } = scanlines;
  for (let row = 0; row < count; ) {
    let end = row + 1;
    if (flags[at + row] === 0) {
      const filter = bytes[first + row * stride];
      while (end < count && flags[at + end] === 0 && bytes[first + end * stride] === filter) {
        end++;
      }
      runs.zeroRows(filter, stride - 1, end - row);
    } else {
      while (end < count && flags[at + end] !== 0) end++;
      runs.rows(first + row * stride, first + end * stride);
    }
    row = end;
  }
}

// lib/option_types.ts
var BYTES = {
  expects: "a Uint8Array",
  is: (value) => value instanceof Uint8Array
};
var CALLBACK = {
  expects: "a function",
  is: (value) => typeof value === "function"
};
function wholeNumber(low, high = Number.MAX_SAFE_INTEGER) {
  return {
    expects: high === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${low}` : `a whole number from ${low} to ${high}`,
    is: (value) => typeof value === "number",
    inRange: (value) => Number.isInteger(value) && low <= value && value <= high
  };
}
var PIXEL_LIMIT = wholeNumber(1, 2 ** 31);
function numberFrom(low) {
  return {
    expects: `a finite number of at least ${low}`,
    is: (value) => typeof value === "number",
    inRange: (value) => Number.isFinite(value) && value >= low
  };
}
function oneOf(choices) {
  const quoted = choices.map((choice) => JSON.stringify(choice));
  const numbers = typeof choices[0] === "number";
  return {
    expects: `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`,
    is: (value) => numbers ? typeof value === "number" : typeof value === "string",
    inRange: (value) => choices.includes(value)
  };
}
function withMethods(what, methods) {
  return {
    expects: `${what} (an object with ${methods.join(", ")})`,
    is: (value) => typeof value === "object" && value !== null && methods.every((name) => typeof value[name] === "function")
  };
}
function checkOptionTypes(options, types, path = "options") {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(`${path} must be an object; got ${describe(options)}`);
  }
  for (const [key, type] of Object.entries(types)) {
    const value = options[key];
    if (value === void 0 && !type.required) continue;
    checkArgumentType(value, `${path}.${key}`, type);
  }
}
function checkArgumentType(value, name, type) {
  const fits = type.is(value);
  if (fits && (type.inRange?.(value) ?? true)) return;
  const message = `${name} must be ${type.expects}; got ${type.secret ? kindOf(value) : describe(value)}`;
  throw fits ? new RangeError(message) : new TypeError(message);
}
var QUOTED = 60;
function describe(value) {
  if (typeof value === "string") {
    const shown = value.length > QUOTED ? `${value.slice(0, QUOTED)}\u2026` : value;
    return `the string ${inertText(JSON.stringify(shown))}`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "an invalid Date" : "a Date";
  const json = plainJson(value);
  return json !== void 0 && json.length <= QUOTED ? inertText(json) : kindOf(value);
}
function plainJson(value) {
  const plain = Array.isArray(value) || typeof value === "object" && value !== null && [
    Object.prototype,
    null
  ].includes(Object.getPrototypeOf(value));
  if (!plain) return void 0;
  try {
    return JSON.stringify(value);
  } catch {
    return void 0;
  }
}
function kindOf(value) {
  if (value === null || value === void 0) return String(value);
  if (Array.isArray(value)) return "a list";
  const name = typeof value === "object" ? value.constructor?.name : typeof value;
  const kind = name === void 0 || name === "Object" ? "object" : name;
  return `${/^[aeiouAEIO]/.test(kind) ? "an" : "a"} ${kind}`;
}

// lib/flate/_run_deflate_options.ts
var OPTION_TYPES = {
  skipZeros: CALLBACK,
  pixelBytes: wholeNumber(1, 3),
  tokenKernel: withMethods("the kernels", [
    "runTokens",
    "countSymbols",
    "writeSymbols"
  ])
};
function checkRunDeflateOptions(options) {
  checkOptionTypes(options, OPTION_TYPES);
}

// lib/flate/run_deflate.ts
var BLOCK_TOKENS = 1 << 14;
var RUN_TOKEN_BYTES = kernelRunBytes(BLOCK_TOKENS);
var EMPTY = new Uint8Array(0);
var RunDeflate = class {
  #skipZeros;
  #pixel;
  #tokens;
  /** The block's tokens as deflate counts them: a zero-row token is three. */
  #weight = 0;
  /** The last three bytes taken, latest first, and how many bytes were taken. */
  #before = new Uint8Array(3);
  #taken = 0;
  #adler = new Adler32();
  #writer = new BitWriter();
  /** Its kernels: its own, or those lent for a call. */
  #kernels;
  /** The block's tokens when they live in the kernels' memory. */
  #resident;
  /** What `writeScanlines` does with each run of scanlines, made once: set for each call. */
  #scan = {
    bytes: EMPTY,
    skipZeros: skipZerosByWord,
    zeroRows: (filter, zeros, rows) => this.zeroRows(filter, zeros, rows),
    rows: (from, to) => this.#write(this.#scan.bytes, from, to, this.#scan.skipZeros)
  };
  /** @param options How zero bytes are skipped. */
  constructor(options = {}) {
    checkRunDeflateOptions(options);
    this.#skipZeros = options.skipZeros ?? skipZerosByWord;
    this.#pixel = options.pixelBytes ?? 3;
    this.#kernels = new KernelLoan(BLOCK_TOKENS, options.tokenKernel);
    this.#resident = this.#kernels.current?.tokens;
    this.#tokens = this.#resident ?? takeTokens(BLOCK_TOKENS + 1);
    this.#writer.byte(120);
    this.#writer.byte(1);
  }
  /**
   * Encodes the next bytes, `bytes[from..to)`; they may change once this returns.
   *
   * @param bytes Where the bytes are.
   * @param from The first byte's position. @default {0}
   * @param to The position after the last byte. @default {bytes.length}
   */
  write(bytes, from = 0, to = bytes.length) {
    this.#write(bytes, from, to, this.#skipZeros);
  }
  /** `write`, the zeros skipped by `skipZeros`. */
  #write(bytes, from, to, skipZeros) {
    const kernel = this.#kernels.current;
    const base = kernel?.offsetOf(bytes) ?? -1;
    if (base >= 0 && base + from >= 3) {
      return this.#writeByKernel(kernel, base + from, base + to);
    }
    const before = this.#before;
    const at = (j) => j >= from ? bytes[j] : before[from - j - 1];
    const pixel = this.#pixel;
    for (let i = from; i < to; ) {
      const byte = bytes[i];
      const previous = i > from ? bytes[i - 1] : at(i - 1);
      if (byte === 0 && this.#taken > 0 && previous === 0) {
        const end = skipZeros(bytes, i, to);
        this.#zeros(end - i);
        i = end;
        continue;
      }
      const one = this.#taken >= 1 && byte === previous ? runLength(bytes, at, i, to, 1) : 0;
      const three = pixel > 1 && this.#taken >= pixel && byte === at(i - pixel) ? runLength(bytes, at, i, to, pixel) : 0;
      if (one < 3 && three < 3) {
        this.#literal(bytes[i++]);
        continue;
      }
      const length = Math.max(one, three);
      this.#token(length, one >= three ? 1 : pixel);
      this.#adler.bytes(bytes, i, i + length);
      this.#taken += length;
      i += length;
    }
    before.set([
      at(to - 1),
      at(to - 2),
      at(to - 3)
    ]);
  }
  /** `write` by the kernel: the same tokens, found in its memory. */
  #writeByKernel(runs, from, to) {
    runs.start(this.#adler, this.#taken, this.#before);
    for (let i = from; i < to; ) {
      const room = BLOCK_TOKENS - this.#weight;
      const tokens = this.#tokens;
      i = runs.find(i, to, this.#pixel, room, tokens.count);
      runs.collect(tokens);
      const found = runs.found();
      tokens.count += Math.min(found, room);
      this.#weight += Math.min(found, room);
      if (this.#weight < BLOCK_TOKENS) continue;
      const last = tokens.count;
      this.#endBlock();
      if (found <= room) continue;
      tokens.lengths[0] = tokens.lengths[last];
      tokens.values[0] = tokens.values[last];
      tokens.count = this.#weight = 1;
    }
    runs.finish(this.#adler, this.#before);
    this.#taken += to - from;
  }
  /**
   * Encodes `count` scanlines alike whose bytes after their filter type are all zeros, without
   * reading them: the same bytes as `write` would take, in fewer steps.
   *
   * @param filter The scanlines' filter type (their first byte).
   * @param zeros How many zero bytes follow it in each.
   * @param count How many scanlines.
   */
  zeroRows(filter, zeros, count) {
    while (count > 0) {
      const rows = Math.min(count, MOST_ZERO_ROWS, Math.floor((BLOCK_TOKENS - this.#weight) / 3));
      if (zeros < 4 || rows === 0) {
        this.#zeroRowTokens(filter, zeros);
        count--;
        continue;
      }
      this.#adler.zeroRows(filter, zeros, rows);
      this.#taken += rows * (zeros + 1);
      this.#before.fill(0);
      this.#token(zeros, ZERO_ROW | filter | rows - 1 << 9, 3 * rows);
      count -= rows;
    }
  }
  /** A zero row as its three tokens (a literal for each zero when fewer than 4). */
  #zeroRowTokens(filter, zeros) {
    this.#literal(filter);
    if (zeros === 0) return void this.#before.set([
      filter,
      this.#before[0],
      this.#before[1]
    ]);
    this.#literal(0);
    this.#zeros(zeros - 1);
    this.#before.set(zeros >= 3 ? [
      0,
      0,
      0
    ] : zeros === 2 ? [
      0,
      0,
      filter
    ] : [
      0,
      filter,
      this.#before[0]
    ]);
  }
  /**
   * Encodes scanlines of a PNG (a filter-type byte, then the row) that lie `stride` bytes apart:
   * those flagged 0 are all zeros after their filter type (a row that repeats the row above, once
   * Up-filtered) and are encoded without being read; runs of the others as they are.
   *
   * @param bytes Where the scanlines are.
   * @param scanlines The first one's position, the distance between two, how many, and their
   * flags: `flags[at + row]` is 0 for a row of zeros; how their zeros are skipped, if not as
   * the options said; the kernels lent for this call, when the stream has none (its tokens stay
   * its own); where in their memory the canonical form of the rows' bytes after their filter
   * types is (`digestPieces`), so that the kernel finds their zeros there.
   */
  writeScanlines(bytes, scanlines) {
    const scan = this.#scan;
    scan.bytes = bytes;
    scan.skipZeros = scanlines.skipZeros ?? this.#skipZeros;
    const runs = this.#kernels.lend(scanlines.kernel);
    try {
      const base = runs?.offsetOf(bytes) ?? -1;
      const { form, first, stride } = scanlines;
      if (form !== void 0 && base >= 0) runs.follow(form, base + first + 1, stride - 1);
      eachScanlineRun(bytes, scanlines, scan);
      runs?.unfollow();
    } finally {
      this.#kernels.giveBack(scanlines.kernel);
      scan.bytes = EMPTY;
    }
  }
  /**
   * Ends the stream.
   *
   * @param kernel The kernels lent for the last block, when the stream has none.
   * @returns The whole zlib stream.
   */
  end(kernel) {
    const runs = this.#kernels.lend(kernel);
    try {
      writeDynamicBlock(this.#writer, this.#tokens, true, runs);
    } finally {
      this.#kernels.giveBack(kernel);
    }
    if (this.#tokens !== this.#resident) giveTokens(this.#tokens);
    this.#writer.alignToByte();
    const adler = this.#adler.value();
    for (const shift of [
      24,
      16,
      8,
      0
    ]) this.#writer.byte(adler >>> shift & 255);
    return this.#writer.bytes();
  }
  /**
   * Gives the stream's buffer to the next stream made, once the bytes {@linkcode RunDeflate.end}
   * returned are copied: they are overwritten then.
   */
  release() {
    this.#writer.release();
  }
  #literal(value) {
    this.#adler.byte(value);
    this.#taken++;
    this.#token(0, value);
  }
  /** `count` zero bytes after a zero byte: one match at distance 1 (literals if under 3). */
  #zeros(count) {
    this.#adler.zeros(count);
    this.#taken += count;
    if (count >= 3) return this.#token(count, 1);
    for (let i = 0; i < count; i++) this.#token(0, 0);
  }
  /** Adds a token that deflate counts as `weight` tokens (a zero row: 3). */
  #token(length, value, weight = 1) {
    const tokens = this.#tokens;
    tokens.lengths[tokens.count] = length;
    tokens.values[tokens.count++] = value;
    this.#weight += weight;
    if (this.#weight >= BLOCK_TOKENS) this.#endBlock();
  }
  /** Writes the block's tokens as a block that is not the last. */
  #endBlock() {
    writeDynamicBlock(this.#writer, this.#tokens, false, this.#kernels.current);
    this.#tokens.count = 0;
    this.#weight = 0;
  }
};

// lib/flate/inflate_stream.ts
import { constants as constants2, createInflate, createInflateRaw } from "node:zlib";

// lib/flate/zlib.ts
import { constants, crc32 as nativeCrc32, deflate as deflateWithCallback, deflateSync as nativeDeflateSync, inflate as inflateWithCallback, inflateSync as nativeInflateSync } from "node:zlib";
function inflateSync(compressed, options = {}) {
  const limit = options.maxOutputLength;
  const result = nativeInflateSync(compressed, {
    finishFlush: constants.Z_SYNC_FLUSH,
    // A little more than the limit, so zlib finishes the stream (and its checksum) in one call.
    ...limit === void 0 ? {} : {
      maxOutputLength: limit,
      chunkSize: Math.max(64, limit + 64)
    }
  });
  return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
}
function deflateSync(bytes, options) {
  const result = nativeDeflateSync(bytes, {
    level: options.level
  });
  return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
}
function crc32(bytes) {
  return nativeCrc32(bytes) >>> 0;
}

// lib/flate/_zlib_handles.ts
function drive(stream) {
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync !== "function" || typeof handle.reset !== "function" || !(state instanceof Uint32Array)) {
    stream.close();
    return void 0;
  }
  const driven = {
    stream,
    handle,
    state
  };
  handle.onerror = (message, errno) => {
    driven.failure ??= Object.assign(new Error(message), {
      errno
    });
  };
  return driven;
}
var SPARE_HANDLES = /* @__PURE__ */ new Map();
var wholeBuffersForced = false;
function takeHandle(kind, create) {
  if (wholeBuffersForced) return void 0;
  const spare = SPARE_HANDLES.get(kind);
  SPARE_HANDLES.delete(kind);
  return spare ?? drive(create());
}
function giveBack(kind, driven) {
  if (SPARE_HANDLES.has(kind)) return driven.stream.close();
  driven.handle.reset();
  driven.failure = void 0;
  SPARE_HANDLES.set(kind, driven);
}

// lib/flate/inflate_stream.ts
function adler32Of(bytes, adler = 1) {
  const sum = new Adler32();
  sum.a = adler & 65535;
  sum.b = adler >>> 16;
  sum.bytes(bytes, 0, bytes.length);
  return sum.value();
}
function wrongCheck() {
  return Object.assign(new Error("incorrect data check"), {
    errno: constants2.Z_DATA_ERROR
  });
}
function plainHeader(compressed) {
  if (compressed.length < 2) return false;
  const [method, flags] = compressed;
  return method === 120 && (flags & 32) === 0 && (method << 8 | flags) % 31 === 0;
}
var InflateStream = class {
  #compressed;
  #consumed = 0;
  #driven;
  #kind;
  #whole;
  #served = 0;
  #limit;
  /**
   * Where the caller sums the check: the running sum, whether the trailer was reached, and the
   * bytes of the last read whose sum the caller owes (see {@linkcode InflateStream.settle}).
   */
  #check;
  /**
   * Prepares to inflate a stream.
   *
   * @param compressed The zlib stream (RFC 1950).
   * @param options Where the handle is missing, the most bytes to inflate at the first read; the
   * caller's Adler-32, if any.
   */
  constructor(compressed, options = {}) {
    this.#compressed = compressed;
    this.#limit = options.maxOutputLength;
    const raw = options.adler !== void 0 && plainHeader(compressed);
    this.#kind = raw ? "inflateRaw" : "inflate";
    this.#driven = takeHandle(this.#kind, () => raw ? createInflateRaw() : createInflate());
    if (raw && this.#driven !== void 0) {
      this.#check = {
        sum: options.adler,
        adler: 1,
        ended: false,
        owed: 0
      };
      this.#consumed = 2;
    }
  }
  /** Whether this stream drives `node:zlib`'s handle piece by piece (the fast path). */
  get piecewise() {
    return this.#driven !== void 0;
  }
  /** Whether the caller's code sums the stream's check (see {@linkcode InflateStreamOptions}). */
  get callerChecks() {
    return this.#check !== void 0;
  }
  /**
   * The stream's Adler-32 so far where the caller's code sums the check (see
   * {@linkcode InflateStream.callerChecks}): over every byte read but those still owed; 1 before
   * the first read, or where zlib checks the stream.
   */
  get adler() {
    return this.#check?.adler ?? 1;
  }
  /** How many bytes of the last read the caller still owes the sum of (see `read`'s options). */
  get owed() {
    return this.#check?.owed ?? 0;
  }
  /**
   * Takes the sum the caller owes: the stream's {@linkcode InflateStream.adler} carried on over
   * the bytes of the last read, as they were inflated.
   *
   * @param adler The sum (`b << 16 | a`).
   * @throws {TypeError} when no sum is owed.
   */
  settle(adler) {
    const check = this.#check;
    if (check === void 0 || check.owed === 0) {
      throw new TypeError("Cannot settle an inflate stream's check: no bytes are owed a sum");
    }
    check.adler = adler >>> 0;
    check.owed = 0;
  }
  /**
   * Inflates the next bytes into `target`.
   *
   * @param target Where the bytes go.
   * @param options With `owing`, where the caller sums the check, the bytes are not summed here:
   * the caller sums them as it works on them (e.g. in the kernel that reads them anyway) and
   * gives the sum to {@linkcode InflateStream.settle} before the next read. Where the stream
   * ends in this read, its bytes are summed here all the same (its trailer is checked at once,
   * as zlib does) and nothing is owed.
   * @returns How many bytes were written at its start: fewer than its length only when the
   * stream ended (or was cut short).
   * @throws {Error} when the stream is corrupt or its checksum wrong (with `node:zlib`'s
   * message).
   * @throws {TypeError} when the sum of the last read's bytes is still owed.
   */
  read(target, options = {}) {
    const driven = this.#driven;
    if (driven === void 0) {
      this.#whole ??= inflateSync(this.#compressed, {
        maxOutputLength: this.#limit
      });
      const piece = this.#whole.subarray(this.#served, this.#served + target.length);
      target.set(piece);
      this.#served += piece.length;
      return piece.length;
    }
    const check = this.#check;
    if (check !== void 0 && check.owed > 0) {
      throw new TypeError(`Cannot read on: the sum of the last read's ${check.owed} bytes is owed (settle it first)`);
    }
    if (check?.ended) return 0;
    const input = this.#compressed;
    driven.handle.writeSync(constants2.Z_SYNC_FLUSH, input, this.#consumed, input.length - this.#consumed, target, 0, target.length);
    if (driven.failure !== void 0) throw driven.failure;
    const left = driven.state[1];
    this.#consumed = input.length - left;
    const written = target.length - driven.state[0];
    if (check !== void 0) {
      const ended = written < target.length && left > 0;
      if (options.owing && !ended) {
        check.owed = written;
      } else if (written > 0) {
        check.adler = check.sum(target.subarray(0, written), check.adler);
      }
      if (ended) this.#checkTrailer(check);
    }
    return written;
  }
  /** Gives zlib's state back for the next stream. Safe to call twice. */
  close() {
    if (this.#driven !== void 0) giveBack(this.#kind, this.#driven);
    this.#driven = void 0;
    this.#whole = void 0;
  }
  /** Closes the stream: `using stream = new InflateStream(bytes)`. */
  [Symbol.dispose]() {
    this.close();
  }
  /**
   * Compares the sum with the trailer, as zlib does at a stream's end: a trailer cut short is
   * not checked (zlib waits for the rest), and nothing is inflated after it.
   */
  #checkTrailer(check) {
    check.ended = true;
    const at = this.#consumed;
    const input = this.#compressed;
    if (input.length - at < 4) return;
    const trailer = (input[at] << 24 | input[at + 1] << 16 | input[at + 2] << 8 | input[at + 3]) >>> 0;
    if (trailer !== check.adler >>> 0) throw wrongCheck();
  }
};

// lib/png/kernels.ts
var SLACK = 16;
var KEEP_BYTES = 64 << 20;
var module;
var instance;
var busy = false;
var held;
function withKernels(bytes, work) {
  if (busy) {
    throw new RangeError("withKernels() was called from inside another call: the kernels' memory holds its buffers");
  }
  module ??= new WebAssembly.Module(Uint8Array.fromBase64(KERNELS_WASM_BASE64));
  instance ??= new WebAssembly.Instance(module);
  const memory = instance.exports.memory;
  const at = align16(bytes);
  const missing = at + RUN_TOKEN_BYTES - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  busy = true;
  const kernels = instance.exports;
  const view = new Uint8Array(memory.buffer);
  held = {
    kernels,
    memory: view,
    at
  };
  try {
    return work(kernels, view);
  } finally {
    busy = false;
    held = void 0;
    if (memory.buffer.byteLength > KEEP_BYTES) instance = void 0;
  }
}
function heldKernels() {
  return held;
}
function kernelAdler(kernels, memory) {
  return (bytes, adler) => {
    if (bytes.buffer === memory.buffer) {
      return kernels.adler32(bytes.byteOffset, bytes.length, adler) >>> 0;
    }
    return adler32Of(bytes, adler);
  };
}
function align16(offset) {
  return offset + 15 & ~15;
}

// lib/png/_png_header.ts
var CHANNELS_BY_COLOUR_TYPE = {
  0: 1,
  2: 3,
  3: 1,
  4: 2,
  6: 4
};
var COLOUR_TYPE_NAMES = {
  0: "grey",
  2: "RGB",
  3: "palette",
  4: "grey + alpha",
  6: "RGBA"
};
var BIT_DEPTHS_BY_COLOUR_TYPE = {
  0: [
    1,
    2,
    4,
    8,
    16
  ],
  2: [
    8,
    16
  ],
  3: [
    1,
    2,
    4,
    8
  ],
  4: [
    8,
    16
  ],
  6: [
    8,
    16
  ]
};
var MAX_DIMENSION = 2147483647;
function parseHeader(data, options) {
  if (data.length !== 13) {
    throw new PngError(`the PNG's IHDR chunk holds ${data.length} bytes instead of 13`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth, colourType, compression, filter, interlace] = data.subarray(8);
  for (const [name, size] of [
    [
      "width",
      width
    ],
    [
      "height",
      height
    ]
  ]) {
    if (size === 0 || size > MAX_DIMENSION) {
      throw new PngError(`the PNG's ${name} is ${size}; it must be from 1 to ${MAX_DIMENSION}`);
    }
  }
  const depths = BIT_DEPTHS_BY_COLOUR_TYPE[colourType];
  if (depths === void 0) {
    throw new PngError(`the PNG has colour type ${colourType}; PNG allows 0, 2, 3, 4 and 6`);
  }
  if (!depths.includes(bitDepth)) {
    throw new PngError(`the PNG has bit depth ${bitDepth} with colour type ${colourType} (${COLOUR_TYPE_NAMES[colourType]}); PNG allows ${depths.join(", ")} for it`);
  }
  if (compression !== 0) {
    throw new PngError(`the PNG has compression method ${compression}; PNG defines only 0`);
  }
  if (filter !== 0) throw new PngError(`the PNG has filter method ${filter}; PNG defines only 0`);
  if (interlace > 1) {
    throw new PngError(`the PNG has interlace method ${interlace}; PNG defines only 0 and 1`);
  }
  const pixels = width * height;
  if (pixels > options.maxPixels) {
    throw new PngError(`the PNG is ${width}\xD7${height} (${pixels} pixels), above the limit of ${options.maxPixels} pixels; raise the pixel limit to decode it`, {
      setting: "maxPixels"
    });
  }
  return {
    width,
    height,
    bitDepth,
    colourType,
    interlaced: interlace === 1
  };
}

// lib/png/_adam7.ts
var ADAM7 = [
  [
    0,
    0,
    8,
    8
  ],
  [
    4,
    0,
    8,
    8
  ],
  [
    0,
    4,
    4,
    8
  ],
  [
    2,
    0,
    4,
    4
  ],
  [
    0,
    2,
    2,
    4
  ],
  [
    1,
    0,
    2,
    2
  ],
  [
    0,
    1,
    1,
    2
  ]
];
function scanlinePasses(header) {
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[header.colourType] * header.bitDepth;
  const grid = header.interlaced ? ADAM7 : [
    [
      0,
      0,
      1,
      1
    ]
  ];
  const passes = [];
  let offset = 0;
  grid.forEach(([x0, y0, dx, dy], index) => {
    const width = Math.ceil(Math.max(0, header.width - x0) / dx);
    const height = Math.ceil(Math.max(0, header.height - y0) / dy);
    if (width === 0 || height === 0) return;
    const rowBytes = Math.ceil(width * bitsPerPixel / 8);
    const number = header.interlaced ? index + 1 : 0;
    passes.push({
      number,
      x0,
      y0,
      dx,
      dy,
      width,
      height,
      rowBytes,
      offset
    });
    offset += (rowBytes + 1) * height;
  });
  return {
    passes,
    totalBytes: offset
  };
}

// lib/png/_chunks.ts
var PNG_SIGNATURE = new Uint8Array([
  137,
  80,
  78,
  71,
  13,
  10,
  26,
  10
]);
var MAX_CHUNK_LENGTH = 2147483647;
function* readChunks(bytes, onAncillaryCrc) {
  if (bytes.length < 8 || PNG_SIGNATURE.some((byte, i) => bytes[i] !== byte)) {
    throw new PngError("the PNG signature is missing: the data is not a PNG file");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    if (remaining < 12) {
      throw new PngError(`the PNG is truncated: ${remaining} stray bytes at byte ${offset} where a chunk should start`);
    }
    const length = view.getUint32(offset);
    const type = chunkType(bytes, offset);
    if (length > MAX_CHUNK_LENGTH) {
      throw new PngError(`the PNG chunk "${type}" at byte ${offset} claims ${length} bytes, above the PNG limit of ${MAX_CHUNK_LENGTH}`);
    }
    if (length + 12 > remaining) {
      throw new PngError(`the PNG is truncated: chunk "${type}" at byte ${offset} needs ${length + 12} bytes, only ${remaining} remain`);
    }
    const stored = view.getUint32(offset + 8 + length);
    const computed = crc32(bytes.subarray(offset + 4, offset + 8 + length));
    if (stored !== computed) {
      const fault2 = `the PNG chunk "${type}" at byte ${offset} fails its CRC check (stored ${hex(stored)}, computed ${hex(computed)})`;
      if (onAncillaryCrc === void 0 || (bytes[offset + 4] & 32) === 0) {
        throw new PngError(`${fault2}: the file is corrupt`);
      }
      onAncillaryCrc(`${fault2}; the chunk was ignored, as libpng ignores it`);
      offset += length + 12;
      continue;
    }
    yield {
      type,
      data: bytes.subarray(offset + 8, offset + 8 + length),
      offset
    };
    offset += length + 12;
  }
}
function chunkType(bytes, offset) {
  const codes = bytes.subarray(offset + 4, offset + 8);
  const isLetter = (code) => code >= 65 && code <= 90 || code >= 97 && code <= 122;
  if (!codes.every(isLetter)) {
    throw new PngError(`the PNG chunk at byte ${offset} has an invalid type (bytes ${[
      ...codes
    ].join(", ")}): the file is corrupt`);
  }
  return String.fromCharCode(...codes);
}
function hex(value) {
  return `0x${value.toString(16).padStart(8, "0")}`;
}
function frameChunk(out, at, type, data) {
  const view = new DataView(out.buffer, out.byteOffset + at, data.length + 12);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[at + 4 + i] = type.charCodeAt(i);
  out.set(data, at + 8);
  view.setUint32(data.length + 8, crc32(out.subarray(at + 4, at + data.length + 8)));
}
function writePng(chunks) {
  let size = PNG_SIGNATURE.length;
  for (const { data } of chunks) size += data.length + 12;
  const out = new Uint8Array(size);
  out.set(PNG_SIGNATURE);
  let at = PNG_SIGNATURE.length;
  for (const { type, data } of chunks) {
    frameChunk(out, at, type, data);
    at += data.length + 12;
  }
  return out;
}

// lib/concatenate.ts
function concatenate(parts) {
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

// lib/png/_png_structure.ts
var KNOWN_CRITICAL_CHUNKS = /* @__PURE__ */ new Set([
  "IHDR",
  "PLTE",
  "IDAT",
  "IEND"
]);
function readPngStructure(bytes, options) {
  let header;
  let palette;
  const imageData = [];
  const ancillary = [];
  const warnings = [];
  let idatEnded = false;
  let ended = false;
  for (const chunk of readChunks(bytes, (warning) => warnings.push(warning))) {
    const { type, data } = chunk;
    if (header === void 0) {
      if (type !== "IHDR") {
        throw new PngError(`the PNG starts with chunk "${type}" instead of IHDR`);
      }
      header = parseHeader(data, options);
      continue;
    }
    if (imageData.length > 0 && type !== "IDAT") idatEnded = true;
    if (type === "IEND") {
      ended = true;
      break;
    }
    if (type === "IDAT") {
      if (idatEnded) {
        throw new PngError(`the PNG's IDAT chunks are not consecutive (another at byte ${chunk.offset})`);
      }
      imageData.push(data);
    } else if (type === "PLTE") {
      palette = checkedPalette(chunk.data, {
        seen: palette,
        afterIdat: imageData.length > 0
      });
    } else if (type === "IHDR") {
      throw new PngError(`the PNG has a second IHDR chunk at byte ${chunk.offset}`);
    } else if (isCritical(type) && !KNOWN_CRITICAL_CHUNKS.has(type)) {
      throw new PngError(`the PNG has an unknown critical chunk "${type}" that this decoder cannot read`);
    } else ancillary.push(type);
  }
  if (header === void 0) throw new PngError("the PNG has no chunks: it is truncated");
  if (imageData.length === 0) {
    throw new PngError("the PNG has no IDAT chunk: it holds no image data");
  }
  if (!ended) throw new PngError("the PNG has no IEND chunk: it is truncated");
  if (header.colourType === 3 && palette === void 0) {
    throw new PngError("the PNG has colour type 3 (palette) but no PLTE chunk");
  }
  if (header.colourType === 0 || header.colourType === 4) palette = void 0;
  return {
    header,
    palette,
    compressed: concatenate(imageData),
    ancillary,
    warnings
  };
}
function isCritical(type) {
  return (type.charCodeAt(0) & 32) === 0;
}
function checkedPalette(data, context) {
  if (context.seen !== void 0) throw new PngError("the PNG has more than one PLTE chunk");
  if (context.afterIdat) throw new PngError("the PNG's PLTE chunk comes after its image data");
  if (data.length === 0 || data.length % 3 !== 0 || data.length > 256 * 3) {
    throw new PngError(`the PNG's PLTE chunk holds ${data.length} bytes; it must hold 1 to 256 entries of 3 bytes`);
  }
  return data;
}

// lib/png/inflate_png.ts
var DEFAULT_MAX_PIXELS = 1e8;
function checkPng(bytes, maxPixels) {
  checkArgumentType(bytes, "bytes", BYTES);
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (!(limit > 0)) {
    throw new RangeError(`Cannot check a PNG against a limit of ${limit} pixels: give a positive number, or leave it out for ${DEFAULT_MAX_PIXELS}`);
  }
  const structure = readPngStructure(bytes, {
    maxPixels: limit
  });
  return {
    ...structure,
    ...scanlinePasses(structure.header)
  };
}
function inflatePngStrips(png, strips) {
  const { rowBytes, height } = png.passes[0];
  const stride = rowBytes + 1;
  using stream = new InflateStream(png.compressed, {
    maxOutputLength: png.totalBytes + 1,
    adler: strips.adler
  });
  let written = 0;
  let failure;
  for (let first = 0; first < height; first += strips.rows) {
    const count = Math.min(strips.rows, height - first);
    const owing = strips.sumsStrips === true && failure === void 0;
    const got = readStream(stream, strips.window.subarray(0, count * stride), owing);
    written += got;
    if (got < count * stride) throw truncated(written, png);
    if (failure !== void 0) continue;
    const check = stream.owed > 0 ? {
      adler: stream.adler
    } : void 0;
    failure = strips.onStrip(first, count, check);
    if (check !== void 0) stream.settle(check.adler);
  }
  if (readStream(stream, new Uint8Array(1)) > 0) throw tooLarge(png);
  if (failure !== void 0) throw failure;
}
function readStream(stream, target, owing = false) {
  try {
    return stream.read(target, {
      owing
    });
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw notZlib(error);
  }
}
function tooLarge(png) {
  const { header, totalBytes } = png;
  return new PngError(`the PNG holds more image data than its ${header.width}\xD7${header.height} pixels need (${totalBytes} bytes): the file is corrupt`);
}
function notZlib(error) {
  const reason = error instanceof Error ? error.message : String(error);
  return new PngError(`the PNG's image data is not valid zlib data (${reason})`, {
    cause: error
  });
}
function truncated(written, png) {
  return new PngError(`the PNG is truncated: IDAT data ends ${whereDataEnds(written, png)}`);
}
function whereDataEnds(written, png) {
  const { header, passes } = png;
  if (!header.interlaced) {
    return `at row ${Math.floor(written / (passes[0].rowBytes + 1))} of ${header.height}`;
  }
  const pass = passes.findLast((candidate) => candidate.offset <= written) ?? passes[0];
  return `in Adam7 pass ${pass.number} of 7`;
}

// lib/png/mask_census.ts
var CENSUS_BYTES = 256 + 512;
function clearCensus(memory, tables) {
  memory.fill(0, tables, tables + CENSUS_BYTES);
}
function readCensus(memory, tables) {
  const bSeen = memory.slice(tables, tables + 256);
  const firstB = new Int16Array(256);
  for (let r = 0, at = tables + 256; r < 256; r++, at += 2) {
    firstB[r] = memory[at] + (memory[at + 1] << 8) - 1;
  }
  return {
    bSeen,
    firstB
  };
}
function emptyCensus() {
  return {
    bSeen: new Uint8Array(256),
    firstB: new Int16Array(256).fill(-1)
  };
}
function addToCensus(census, pixels) {
  const { bSeen, firstB } = census;
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i];
    if (r === 0) continue;
    const b = pixels[i + 2];
    bSeen[b] = 1;
    if (firstB[r] < 0) firstB[r] = b;
  }
}

// lib/png/_unfilter.ts
function unfilterRows(data, rows) {
  const { rowBytes, bytesPerPixel: bpp } = rows;
  const stride = rowBytes + 1;
  const d = data;
  for (let y = 0; y < rows.rows; y++) {
    const filterAt = rows.at + y * stride;
    const row = filterAt + 1;
    const above = y === 0 ? rows.above : d;
    const up = y === 0 ? 0 : row - stride;
    switch (d[filterAt]) {
      case 0:
        break;
      case 1:
        for (let i = bpp; i < rowBytes; i++) d[row + i] += d[row + i - bpp];
        break;
      case 2:
        for (let i = 0; i < rowBytes; i++) d[row + i] += above[up + i];
        break;
      case 3:
        for (let i = 0; i < bpp && i < rowBytes; i++) d[row + i] += above[up + i] >> 1;
        for (let i = bpp; i < rowBytes; i++) {
          d[row + i] += d[row + i - bpp] + above[up + i] >> 1;
        }
        break;
      case 4:
        for (let i = 0; i < bpp && i < rowBytes; i++) d[row + i] += above[up + i];
        for (let i = bpp; i < rowBytes; i++) {
          const a = d[row + i - bpp];
          const b = above[up + i];
          const c = above[up + i - bpp];
          const pa = Math.abs(b - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + b - c - c);
          d[row + i] += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
        break;
      default:
        return y;
    }
  }
  return -1;
}
function invalidFilterError(type, row, pass) {
  const where = pass === 0 ? `row ${row}` : `row ${row} of Adam7 pass ${pass}`;
  return new PngError(`the PNG has an invalid filter type ${type} on ${where}; PNG defines 0 to 4`);
}

// lib/png/_deflate_kernels.ts
function deflateKernels() {
  const held2 = heldKernels();
  if (held2 === void 0) return void 0;
  let kernel = made.get(held2);
  if (kernel === void 0) {
    const { kernels, memory, at } = held2;
    const { runTokens, countSymbols: countSymbols2, writeSymbols: writeSymbols2 } = kernels;
    made.set(held2, kernel = {
      runTokens,
      countSymbols: countSymbols2,
      writeSymbols: writeSymbols2,
      memory,
      at
    });
  }
  return kernel;
}
var made = /* @__PURE__ */ new WeakMap();
function withDeflateKernels(work) {
  const kernel = deflateKernels();
  return kernel !== void 0 ? work(kernel) : withKernels(0, () => work(deflateKernels()));
}

// lib/png/_strip_digest.ts
function digestStrip(kernels, memory, digest, strip) {
  const end = writeForm(kernels, strip);
  digest.updateForm(memory.subarray(strip.out, end));
  return end;
}
function unfilterDigested(kernels, memory, digest, strip) {
  const { ptr, count, rowBytes, bpp, above, census, out } = strip;
  const patch = strip.lastRowOnly ? 1 : 0;
  const { sums = 0 } = strip;
  const end = kernels.unfilterForm(ptr, count, rowBytes, bpp, above, census, out, patch, sums);
  if (end < 0) return -1 - end;
  digest.updateForm(memory.subarray(out, end));
  return -1;
}
function writeForm(kernels, strip) {
  const { ptr, stride, count, rowBytes, above, flags, out } = strip;
  return kernels.digestPieces(ptr, stride, count, rowBytes, above, flags, out);
}

// lib/png/_pixel_sinks.ts
function sinkRows(pixels, strip) {
  const { kernels, memory, layout, count } = strip;
  const { width, channels, input, output, flags } = layout;
  const inStride = layout.inRow + 1;
  const outStride = layout.outRow + 1;
  const same = new Uint8Array(count);
  for (let row = 0; row < count; row++) {
    const p = output + (row + 1) * outStride + 1;
    same[row] = memory[flags + row] === 0 || kernels.skipZeros(p, p + layout.outRow) === p + layout.outRow ? 1 : 0;
  }
  const sameAsAbove = (row) => same[row] === 1;
  if (channels === 3) {
    return pixels.updateRows(memory, input + inStride + 1, inStride, count, sameAsAbove);
  }
  const rows = output + outStride + 1;
  kernels.packRgb(input + inStride + 1, inStride, rows, outStride, count, width, channels);
  pixels.updateRows(memory, rows, outStride, count, sameAsAbove);
}
function upZeroRows(kernels, memory, layout, count) {
  const stride = layout.inRow + 1;
  const same = new Uint8Array(count);
  for (let row = 0, p = layout.input + stride; row < count; row++, p += stride) {
    if (memory[p] === 2) same[row] = kernels.skipZeros(p + 1, p + stride) === p + stride ? 1 : 2;
  }
  return same;
}

// lib/png/pixel_pieces.ts
var PIXEL_PIECE_BYTES = 16;
var STAGE_BYTES = 64 * 1024;
var EMPTY2 = new Uint8Array(0);
function pixelFormBound(rows, rowBytes) {
  return rows * (4 + (4 + PIXEL_PIECE_BYTES) * Math.ceil(rowBytes / PIXEL_PIECE_BYTES));
}
var PixelPieces = class {
  #hash;
  #rowBytes;
  /**
   * The canonical form's bytes not hashed yet: `#stage[0..#staged)`; made when rows or
   * differences first come (a digest fed its form, `updateForm`, never needs it).
   */
  #stage = EMPTY2;
  #staged = 0;
  /** A view of the words of the buffer differences last came in. */
  #words = new Int32Array(0);
  /**
   * @param hash Where the staged bytes go.
   * @param rowBytes The bytes of a row.
   */
  constructor(hash, rowBytes) {
    this.#hash = hash;
    this.#rowBytes = rowBytes;
  }
  /**
   * Stages a row's pieces, and its end: its bytes minus those of `above` at `b`, or as they are
   * (a row of differences already).
   *
   * @param row The bytes holding the row.
   * @param p The row's first byte.
   * @param above The bytes holding the row above; `undefined` when `row` holds differences.
   * @param b The first byte of the row above.
   */
  addRow(row, p, above, b) {
    const rowBytes = this.#rowBytes;
    this.#reserve(pixelFormBound(1, rowBytes));
    let start = 0;
    if (above === void 0 && (row.byteOffset + p) % 4 === 0) start = this.#addWords(row, p);
    const stage = this.#stage;
    let out = this.#staged;
    for (let piece = start / PIXEL_PIECE_BYTES + 1; start < rowBytes; piece++) {
      const end = Math.min(start + PIXEL_PIECE_BYTES, rowBytes);
      let any = 0;
      for (let i = start, o = out + 4; i < end; i++, o++) {
        const difference = above === void 0 ? row[p + i] : row[p + i] - above[b + i] & 255;
        stage[o] = difference;
        any |= difference;
      }
      if (any !== 0) {
        writeUint32(stage, out, piece);
        out += 4 + end - start;
      }
      start = end;
    }
    this.#staged = out;
    this.endRow();
  }
  /**
   * Stages the whole pieces of a row of differences that starts on a 32-bit word, four words a
   * piece; returns where the pieces left (a shorter last one) start.
   */
  #addWords(row, p) {
    const { buffer } = row;
    if (this.#words.buffer !== buffer) {
      this.#words = new Int32Array(buffer, 0, buffer.byteLength >> 2);
    }
    const words = this.#words;
    const stage = this.#stage;
    const pieces = Math.floor(this.#rowBytes / PIXEL_PIECE_BYTES);
    let out = this.#staged;
    for (let piece = 0, w = row.byteOffset + p >> 2, i = p; piece < pieces; piece++) {
      if ((words[w] | words[w + 1] | words[w + 2] | words[w + 3]) !== 0) {
        writeUint32(stage, out, piece + 1);
        for (let k = 0; k < PIXEL_PIECE_BYTES; k++) stage[out + 4 + k] = row[i + k];
        out += 4 + PIXEL_PIECE_BYTES;
      }
      w += 4;
      i += PIXEL_PIECE_BYTES;
    }
    this.#staged = out;
    return pieces * PIXEL_PIECE_BYTES;
  }
  /** Stages the end of a row (all of a row without differences). */
  endRow() {
    this.#reserve(4);
    writeUint32(this.#stage, this.#staged, 0);
    this.#staged += 4;
  }
  /** Makes room for `bytes` more in the stage (made on first use), hashing what it holds. */
  #reserve(bytes) {
    if (this.#stage === EMPTY2) {
      this.#stage = new Uint8Array(Math.max(STAGE_BYTES, pixelFormBound(1, this.#rowBytes)));
    }
    if (this.#staged + bytes > this.#stage.length) this.flush();
  }
  /** Hashes what the stage holds. */
  flush() {
    if (this.#staged > 0) this.#hash.update(this.#stage.subarray(0, this.#staged));
    this.#staged = 0;
  }
};
function writeUint32(bytes, at, value) {
  bytes[at] = value & 255;
  bytes[at + 1] = value >>> 8 & 255;
  bytes[at + 2] = value >>> 16 & 255;
  bytes[at + 3] = value >>> 24;
}

// lib/png/_strip_layout.ts
var STRIP_BYTES = 256 * 1024;
function stripLayout(header) {
  const { width, height } = header;
  const channels = header.colourType === 6 ? 4 : 3;
  const inRow = width * channels;
  const outRow = width * 3;
  const rows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (inRow + 1))));
  const zero = 0;
  const table = align16(zero + inRow + SLACK);
  const census = align16(table + 1024);
  const carry = align16(census + CENSUS_BYTES);
  const input = align16(carry + outRow + SLACK);
  const output = align16(input + (rows + 1) * (inRow + 1) + SLACK);
  const flags = align16(output + (rows + 1) * (outRow + 1) + SLACK);
  const pieces = align16(flags + rows + SLACK);
  const sums = align16(pieces + pixelFormBound(rows, outRow) + SLACK);
  const end = sums + 4 + SLACK;
  return {
    width,
    height,
    channels,
    inRow,
    outRow,
    rows,
    zero,
    table,
    census,
    carry,
    input,
    output,
    flags,
    pieces,
    sums,
    end
  };
}
function differences(layout, count) {
  const stride = layout.outRow + 1;
  const ptr = layout.output + stride + 1;
  return {
    ptr,
    stride,
    count,
    rowBytes: layout.outRow,
    above: -1,
    out: layout.pieces
  };
}
function rowAbove(layout, first) {
  return first === 0 ? layout.zero : layout.input + 1;
}

// lib/png/_strip_sums.ts
function carryCheck(kernels, memory, strip, check, work) {
  if (check === void 0) return work(0);
  const word = new Uint32Array(memory.buffer, strip.word, 1);
  word[0] = check.adler;
  const bad = work(strip.word);
  check.adler = word[0];
  if (bad >= 0) {
    const from = strip.at + bad * strip.stride;
    check.adler = kernels.adler32(from, (strip.count - bad) * strip.stride, check.adler) >>> 0;
  }
  return bad;
}

// lib/png/fast_rgb.ts
function isFastFlavour(header) {
  return header.bitDepth === 8 && !header.interlaced && (header.colourType === 2 || header.colourType === 6);
}
function transcodeFastRgb(png, options) {
  const { colourTable, pixels, digest } = options;
  const layout = stripLayout(png.header);
  const { width, channels, inRow, outRow, input, output, table, carry, flags } = layout;
  const inStride = inRow + 1;
  const outStride = outRow + 1;
  return withKernels(layout.end, (kernels, memory) => {
    const deflate2 = new RunDeflate({
      tokenKernel: deflateKernels()
    });
    if (colourTable !== void 0) memory.set(colourTable, table);
    memory.fill(0, output, output + outStride);
    const strips = {
      ...options,
      sumsStrips: colourTable === void 0
    };
    const census = eachStrip(png, layout, {
      kernels,
      memory
    }, strips, (first, count, work) => {
      const { tables, sums } = work;
      const above = rowAbove(layout, first);
      if (colourTable === void 0) {
        const result = kernels.transcodeRows(input + inStride, count, width, channels, above, output + outStride, tables, flags, digest ? layout.pieces : 0, options.sampler || pixels ? 0 : 1, sums);
        if (result >= 0) return result;
        if (digest) digest.updateForm(memory.subarray(layout.pieces, -1 - result));
        writeRows(deflate2, memory, layout, {
          count,
          form: digest !== void 0
        });
        if (pixels) sinkRows(pixels, {
          kernels,
          memory,
          layout,
          count
        });
        return -1;
      }
      const badRow = recolourStrip(kernels, memory, layout, {
        count,
        above,
        tables
      }, pixels);
      if (badRow >= 0) return badRow;
      if (digest) {
        digestStrip(kernels, memory, digest, {
          ...differences(layout, count),
          flags: 0
        });
      }
      deflate2.write(memory, output + outStride, output + (count + 1) * outStride);
      memory.copyWithin(output + 1, carry, carry + outRow);
      return -1;
    });
    const idat = deflate2.end().slice();
    deflate2.release();
    return {
      idat,
      census
    };
  });
}
function recolourStrip(kernels, memory, layout, strip, pixels) {
  const { count, above, tables } = strip;
  const { width, channels, inRow, outRow, input, output, table, carry } = layout;
  const inStride = inRow + 1;
  const outStride = outRow + 1;
  const badRow = kernels.unfilter(input + inStride, count, inRow, channels, above, tables);
  if (badRow >= 0) return badRow;
  const rows = output + outStride;
  kernels.packRgb(input + inStride + 1, inStride, rows + 1, outStride, count, width, channels);
  kernels.mapColours(rows + 1, outStride, count, width, table);
  pixels?.updateRows(memory, rows + 1, outStride, count);
  const last = output + count * outStride + 1;
  memory.copyWithin(carry, last, last + outRow);
  kernels.filterUp(output, count + 1, outRow, 0);
  return -1;
}
function writeRows(deflate2, memory, layout, strip) {
  const stride = layout.outRow + 1;
  const first = layout.output + stride;
  const { count } = strip;
  const form = strip.form ? layout.pieces : void 0;
  deflate2.writeScanlines(memory, {
    first,
    stride,
    count,
    flags: memory,
    at: layout.flags,
    form
  });
}
function verifyFastRgb(png, options = {}) {
  const layout = stripLayout(png.header);
  const { inRow, channels, input } = layout;
  const inStride = inRow + 1;
  const unfilters = Boolean(options.census || options.sampler || options.pixels || options.digest);
  return withKernels(layout.end, (kernels, memory) => {
    const strips = {
      ...options,
      sumsStrips: unfilters
    };
    const census = eachStrip(png, layout, {
      kernels,
      memory
    }, strips, (first, count, work) => {
      const { tables, sums } = work;
      if (unfilters) {
        const above = rowAbove(layout, first);
        const same = options.pixels && upZeroRows(kernels, memory, layout, count);
        const strip = {
          ptr: input + inStride,
          count,
          rowBytes: inRow,
          above,
          census: tables
        };
        const badRow = options.digest ? unfilterDigested(kernels, memory, options.digest, {
          ...strip,
          bpp: channels,
          out: layout.pieces,
          // Nothing reads the strip's rows but the next strip, which reads its last.
          lastRowOnly: !options.sampler && !options.pixels,
          sums
        }) : kernels.unfilter(strip.ptr, count, inRow, channels, above, tables, sums);
        if (badRow < 0 && same && options.pixels) {
          options.pixels.updateRows(memory, input + inStride + 1, inStride, count, (row) => same[row] === 0 ? void 0 : same[row] === 1);
        }
        return badRow;
      }
      for (let row = 0; row < count; row++) {
        if (memory[input + (row + 1) * inStride] > 4) return row;
      }
      return -1;
    });
    return {
      census
    };
  });
}
function eachStrip(png, layout, { kernels, memory }, options, work) {
  const { census, sampler } = options;
  const { zero, inRow, input, rows, channels } = layout;
  const inStride = inRow + 1;
  memory.fill(0, zero, zero + inRow);
  if (census) clearCensus(memory, layout.census);
  inflatePngStrips(png, {
    rows,
    window: memory.subarray(input + inStride, input + (rows + 1) * inStride),
    adler: kernelAdler(kernels, memory),
    sumsStrips: options.sumsStrips,
    onStrip(first, count, check) {
      const strip = {
        at: input + inStride,
        stride: inStride,
        count,
        word: layout.sums
      };
      const tables = census ? layout.census : 0;
      const badRow = carryCheck(kernels, memory, strip, check, (sums) => {
        return work(first, count, {
          tables,
          sums
        });
      });
      if (badRow >= 0) {
        return invalidFilterError(memory[input + (badRow + 1) * inStride], first + badRow, 0);
      }
      sampler?.takeRows(memory, input + inStride + 1, inStride, first, count, channels);
      memory.copyWithin(input, input + count * inStride, input + (count + 1) * inStride);
      return void 0;
    }
  });
  return census ? readCensus(memory, layout.census) : void 0;
}

// lib/png/_filter.ts
var FILTER_TYPES = {
  none: 0,
  sub: 1,
  up: 2,
  average: 3,
  paeth: 4
};
function filterScanlines(pixels, options) {
  const { rowBytes, bytesPerPixel: bytesPerPixel2, filter } = options;
  const rows = pixels.length / rowBytes;
  if (filter === "up") return upWithKernels(pixels, rowBytes);
  const lines = new Uint8Array(rows * (rowBytes + 1));
  const candidates = filter === "adaptive" ? [
    0,
    1,
    2,
    3,
    4
  ].map(() => new Uint8Array(rowBytes)) : void 0;
  const zeroRow = new Uint8Array(rowBytes);
  for (let y = 0; y < rows; y++) {
    const row = pixels.subarray(y * rowBytes, (y + 1) * rowBytes);
    const above = y === 0 ? zeroRow : pixels.subarray((y - 1) * rowBytes, y * rowBytes);
    const at = y * (rowBytes + 1);
    if (candidates === void 0) {
      const type = FILTER_TYPES[filter];
      lines[at] = type;
      filterRow(type, {
        row,
        above,
        bytesPerPixel: bytesPerPixel2,
        target: lines.subarray(at + 1)
      });
      continue;
    }
    let best = 0;
    let bestScore = Infinity;
    for (let type = 0; type < 5; type++) {
      filterRow(type, {
        row,
        above,
        bytesPerPixel: bytesPerPixel2,
        target: candidates[type]
      });
      const score = residualSum(candidates[type]);
      if (score < bestScore) [best, bestScore] = [
        type,
        score
      ];
    }
    lines[at] = best;
    lines.set(candidates[best], at + 1);
  }
  return lines;
}
function upWithKernels(pixels, rowBytes) {
  const rows = pixels.length / rowBytes;
  const size = rows * (rowBytes + 1);
  return withKernels(size + SLACK, (kernels, memory) => {
    for (let y = 0; y < rows; y++) {
      memory.set(pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
    }
    kernels.filterUp(0, rows, rowBytes, 0);
    return memory.slice(0, size);
  });
}
function filterRow(type, { row, above, bytesPerPixel: bpp, target }) {
  const n = row.length;
  switch (type) {
    case 0:
      target.set(row);
      return;
    case 1:
      for (let i = 0; i < n; i++) target[i] = row[i] - (i >= bpp ? row[i - bpp] : 0);
      return;
    case 2:
      for (let i = 0; i < n; i++) target[i] = row[i] - above[i];
      return;
    case 3:
      for (let i = 0; i < n; i++) {
        target[i] = row[i] - ((i >= bpp ? row[i - bpp] : 0) + above[i] >> 1);
      }
      return;
    default:
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? row[i - bpp] : 0;
        const b = above[i];
        const c = i >= bpp ? above[i - bpp] : 0;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - c - c);
        target[i] = row[i] - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
  }
}
function residualSum(filtered) {
  let sum = 0;
  for (let i = 0; i < filtered.length; i++) {
    sum += filtered[i] < 128 ? filtered[i] : 256 - filtered[i];
  }
  return sum;
}

// lib/png/png_file.ts
function pngFileSync(parts) {
  return pngOfImageData(parts, deflateSync(scanlinesOf(parts), {
    level: parts.level
  }));
}
function scanlinesOf(parts) {
  return filterScanlines(parts.samples, {
    rowBytes: parts.samples.length / parts.height,
    bytesPerPixel: parts.bytesPerPixel,
    filter: parts.filter
  });
}
function pngOfImageData(parts, idat) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, parts.width);
  view.setUint32(4, parts.height);
  header.set([
    parts.bitDepth,
    parts.colourType,
    0,
    0,
    0
  ], 8);
  return writePng([
    {
      type: "IHDR",
      data: header
    },
    ...parts.palette ? [
      {
        type: "PLTE",
        data: parts.palette
      }
    ] : [],
    {
      type: "IDAT",
      data: idat
    },
    {
      type: "IEND",
      data: new Uint8Array(0)
    }
  ]);
}

// lib/flate/deflate_stream.ts
import { constants as constants3, createDeflate } from "node:zlib";
var deflateOutput;
var DEFLATE_BLOCK = 64 * 1024;
var DeflateStream = class {
  #driven;
  #level;
  #pieces = [];
  #block;
  #blockBytes = 0;
  /**
   * Prepares a stream.
   *
   * @param options The compression level.
   */
  constructor(options) {
    this.#level = options.level;
    const { level } = options;
    this.#driven = takeHandle(`deflate ${level}`, () => createDeflate({
      level
    }));
  }
  /** Whether this stream drives `node:zlib`'s handle piece by piece (the fast path). */
  get piecewise() {
    return this.#driven !== void 0;
  }
  /**
   * Compresses the next piece; zlib keeps what it needs, so `bytes` may change afterwards.
   *
   * @param bytes The next bytes.
   */
  write(bytes) {
    if (this.#driven === void 0) return void this.#pieces.push(bytes.slice());
    const block = this.#block ??= new Uint8Array(DEFLATE_BLOCK);
    for (let offset = 0; offset < bytes.length; ) {
      const taken = Math.min(block.length - this.#blockBytes, bytes.length - offset);
      block.set(bytes.subarray(offset, offset + taken), this.#blockBytes);
      this.#blockBytes += taken;
      offset += taken;
      if (this.#blockBytes === block.length) {
        this.#run(constants3.Z_NO_FLUSH, block);
        this.#blockBytes = 0;
      }
    }
  }
  /**
   * Ends the stream.
   *
   * @returns The whole zlib stream (RFC 1950).
   */
  end() {
    if (this.#driven === void 0) {
      return deflateSync(concatenate(this.#pieces.splice(0)), {
        level: this.#level
      });
    }
    this.#run(constants3.Z_FINISH, this.#block?.subarray(0, this.#blockBytes) ?? new Uint8Array(0));
    this.#blockBytes = 0;
    this.close();
    return concatenate(this.#pieces.splice(0));
  }
  /** Gives zlib's state back for the next stream. Safe to call twice. */
  close() {
    if (this.#driven !== void 0) giveBack(`deflate ${this.#level}`, this.#driven);
    this.#driven = void 0;
  }
  /** Closes the stream: `using stream = new DeflateStream({ level })`. */
  [Symbol.dispose]() {
    this.close();
  }
  #run(flush, bytes) {
    const driven = this.#driven;
    const out = deflateOutput ??= new Uint8Array(64 * 1024);
    let offset = 0;
    do {
      driven.handle.writeSync(flush, bytes, offset, bytes.length - offset, out, 0, out.length);
      if (driven.failure !== void 0) throw driven.failure;
      offset = bytes.length - driven.state[1];
      const produced = out.length - driven.state[0];
      if (produced > 0) this.#pieces.push(out.slice(0, produced));
    } while (driven.state[0] === 0);
  }
};

// lib/png/_up_filter.ts
var HIGH_BITS = 2155905152 | 0;
var LOW_BITS = 2139062143;
var none = () => true;
var some = () => false;
var UpFilter = class {
  #rowBytes;
  #digest;
  /** The last row filtered, raw: the row above the next. */
  #previous;
  /** Whether `#previous` is all zeros; `undefined` until asked after a write. */
  #previousZero = true;
  #lines = new Uint8Array(0);
  /** Per row of the last strip: 0 when it repeats the row above. */
  #changed = new Uint8Array(0);
  /** One filtered row, word-aligned (see `#upFilterWords`). */
  #difference = new Int32Array(0);
  #differenceBytes = new Uint8Array(0);
  /**
   * Starts an image, whose first row has a row of zeros above.
   *
   * @param rowBytes The bytes of a row.
   * @param digest Hashes the rows' pixels from the differences the filter computes.
   */
  constructor(rowBytes, digest) {
    this.#rowBytes = rowBytes;
    this.#digest = digest;
    this.#previous = new Uint8Array(rowBytes);
  }
  /** The last strip's scanlines, each its filter type (2, Up) and its differences. */
  get lines() {
    return this.#lines;
  }
  /** Per row of the last strip: 0 when it repeats the row above, else 1. */
  get changed() {
    return this.#changed;
  }
  /**
   * Filters the next rows into {@linkcode lines}, noting in {@linkcode changed} which repeat the
   * row above; `samples` may change afterwards.
   *
   * @param samples Whole rows, back to back.
   * @param rows How many.
   * @param repeats Per row, 1 where the row is known to repeat the row above (it is not filtered).
   */
  filter(samples, rows, repeats) {
    const rowBytes = this.#rowBytes;
    const stride = rowBytes + 1;
    if (this.#lines.length < rows * stride) this.#lines = new Uint8Array(rows * stride);
    if (this.#changed.length < rows) this.#changed = new Uint8Array(rows);
    const aligned = rowBytes % 4 === 0 && samples.byteOffset % 4 === 0;
    if (aligned) this.#upFilterWords(samples, rows, repeats);
    else this.#upFilterBytes(samples, rows, repeats);
    const changed = this.#changed;
    if (rows > 0) this.follow(samples.subarray(samples.length - rowBytes));
    if (!aligned) {
      this.#digest?.updateDifferences(this.#lines, 1, stride, rows, (row) => changed[row] === 0);
    }
  }
  /**
   * Takes the row above the next from rows filtered elsewhere.
   *
   * @param last The last row written, raw.
   */
  follow(last) {
    this.#previous.set(last);
    this.#previousZero = void 0;
  }
  /**
   * Whether the row above the next is all zeros (found out when first asked after a write).
   *
   * @returns `true` when it is.
   */
  isAboveZero() {
    if (this.#previousZero === void 0) {
      const previous = this.#previous;
      const words = new Int32Array(previous.buffer, 0, previous.length >> 2);
      let any = 0;
      for (let i = 0; i < words.length && any === 0; i++) any |= words[i];
      for (let i = words.length * 4; i < previous.length; i++) any |= previous[i];
      this.#previousZero = any === 0;
    }
    return this.#previousZero;
  }
  /**
   * The Up filter, a byte at a time; notes which rows repeat the row above (those `repeats` gives
   * are not filtered).
   */
  #upFilterBytes(samples, rows, repeats) {
    const rowBytes = this.#rowBytes;
    const stride = rowBytes + 1;
    const lines = this.#lines;
    const changed = this.#changed;
    let above = this.#previous;
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += rowBytes) {
      changed[y] = 0;
      lines[at] = 2;
      if (repeats?.[y] !== 1) {
        let any = 0;
        for (let i = 0; i < rowBytes; i++) {
          const difference = samples[s + i] - above[up + i];
          lines[at + 1 + i] = difference;
          any |= difference;
        }
        changed[y] = any === 0 ? 0 : 1;
      }
      above = samples;
      up = s;
    }
  }
  /**
   * The Up filter four bytes at a time, for rows of whole 32-bit words: each byte's difference
   * modulo 256 without carries between bytes (the high bits apart, then put back), into a
   * word-aligned row copied after the row's filter type; notes which rows repeat the row above
   * (those `repeats` gives are not filtered).
   */
  #upFilterWords(samples, rows, repeats) {
    const rowBytes = this.#rowBytes;
    const words = rowBytes >> 2;
    const stride = rowBytes + 1;
    const lines = this.#lines;
    const changed = this.#changed;
    if (this.#difference.length !== words) {
      this.#difference = new Int32Array(words);
      this.#differenceBytes = new Uint8Array(this.#difference.buffer);
    }
    const difference = this.#difference;
    const digest = this.#digest;
    const here = new Int32Array(samples.buffer, samples.byteOffset, rows * words);
    let above = new Int32Array(this.#previous.buffer, 0, words);
    let up = 0;
    for (let y = 0, at = 0, s = 0; y < rows; y++, at += stride, s += words) {
      changed[y] = 0;
      lines[at] = 2;
      if (repeats?.[y] !== 1) {
        let any = 0;
        for (let i = 0; i < words; i++) {
          const a = here[s + i];
          const b = above[up + i];
          const d = ((a | HIGH_BITS) - (b & LOW_BITS) | 0) ^ (a ^ ~b) & HIGH_BITS;
          difference[i] = d;
          any |= d;
        }
        lines.set(this.#differenceBytes, at + 1);
        changed[y] = any === 0 ? 0 : 1;
      }
      digest?.updateDifferences(this.#differenceBytes, 0, 0, 1, changed[y] === 0 ? none : some);
      above = here;
      up = s;
    }
  }
};

// lib/png/_row_encoder_options.ts
var SIDE = wholeNumber(1, MAX_DIMENSION);
var PALETTE = {
  expects: "a Uint8Array of 1 to 256 RGB triplets",
  is: (value) => value instanceof Uint8Array,
  inRange: (value) => {
    const { length } = value;
    return length % 3 === 0 && length >= 3 && length <= 768;
  }
};
var TYPES = {
  width: {
    ...SIDE,
    required: true
  },
  height: {
    ...SIDE,
    required: true
  },
  bitDepth: {
    ...oneOf([
      8,
      16
    ]),
    required: true
  },
  colourType: {
    ...oneOf([
      0,
      2,
      3
    ]),
    required: true
  },
  palette: PALETTE,
  level: {
    ...wholeNumber(0, 9),
    required: true
  },
  deflater: oneOf([
    "zlib",
    "mask-rows"
  ]),
  digest: withMethods("a pixel digest", [
    "updateDifferences",
    "updateForm"
  ])
};
function checkRowEncoderOptions(options) {
  checkOptionTypes(options, TYPES);
  if (options.colourType !== 3) return;
  if (options.palette === void 0) {
    throw new RangeError("options.palette must be given with colourType 3 (a palette image)");
  }
  if (options.bitDepth !== 8) {
    throw new RangeError(`options.bitDepth must be 8 with colourType 3; got ${options.bitDepth}`);
  }
}

// lib/png/png_row_encoder.ts
var ZERO_BYTES = 64 * 1024;
var NO_FLAGS = new Uint8Array(0);
var sharedZeros = new Uint8Array(ZERO_BYTES);
function zerosOf(bytes) {
  if (sharedZeros.length < bytes) sharedZeros = new Uint8Array(bytes);
  return sharedZeros;
}
var PngRowEncoder = class {
  #options;
  #rowBytes;
  #deflate;
  /** The rows' Up filter, and the row above the next. */
  #up;
  #written = 0;
  /** What {@linkcode PngRowEncoder.writeScanlines} tells the deflater, one object for every call. */
  #scanlines = {
    first: 0,
    stride: 0,
    count: 0,
    flags: NO_FLAGS,
    at: 0
  };
  /**
   * Starts an image.
   *
   * @param options The image's size, format and zlib level.
   * @throws {TypeError} when an option is of the wrong type.
   * @throws {RangeError} when one is out of range, or the options make no PNG (a palette image
   * without its palette, or at 16 bits).
   */
  constructor(options) {
    checkRowEncoderOptions(options);
    this.#options = options;
    const channels = options.colourType === 2 ? 3 : 1;
    this.#rowBytes = options.width * channels * (options.bitDepth / 8);
    this.#up = new UpFilter(this.#rowBytes, options.digest);
    this.#deflate = options.deflater === "mask-rows" ? new RunDeflate({
      pixelBytes: Math.min(3, channels * (options.bitDepth / 8))
    }) : new DeflateStream({
      level: options.level
    });
  }
  /** Rows written so far. */
  get rowsWritten() {
    return this.#written;
  }
  /**
   * Filters and compresses the next rows; `samples` may change afterwards.
   *
   * @param samples Whole rows, back to back (16-bit samples big-endian).
   * @param repeats Per row, 1 where the caller knows it repeats the row above (the mask-row
   * encoder then neither filters nor reads it), 0 where not known.
   * @throws {PngError} when the bytes are not whole rows, or more rows than the image's height.
   */
  writeRows(samples, repeats) {
    const rowBytes = this.#rowBytes;
    const rows = samples.length / rowBytes;
    if (!Number.isInteger(rows) || this.#written + rows > this.#options.height) {
      throw new PngError(`${samples.length} bytes are not whole rows of ${rowBytes} bytes within the image's ${this.#options.height - this.#written} rows left`);
    }
    const known = this.#deflate instanceof RunDeflate ? repeats : void 0;
    const up = this.#up;
    up.filter(samples, rows, known);
    const stride = rowBytes + 1;
    const deflate2 = this.#deflate;
    if (deflate2 instanceof RunDeflate) {
      deflate2.writeScanlines(up.lines, {
        first: 0,
        stride,
        count: rows,
        flags: up.changed,
        at: 0
      });
    } else deflate2.write(up.lines.subarray(0, rows * stride));
    this.#written += rows;
  }
  /**
   * Compresses the next rows, given Up-filtered with their digest's form by the strip reader's
   * kernels (see `RowConversion`): nothing is filtered or compared here.
   *
   * @param rows The scanlines, which rows have no difference, the digest's form, the last row.
   * @throws {PngError} when the rows are not of this image's width, or more rows than its height.
   */
  writeScanlines(rows) {
    const { scanlines, stride, count } = rows;
    if (stride !== this.#rowBytes + 1 || this.#written + count > this.#options.height) {
      throw new PngError(`${count} scanlines of ${stride} bytes are not rows of ${this.#rowBytes} bytes within the image's ${this.#options.height - this.#written} rows left`);
    }
    const deflate2 = this.#deflate;
    if (deflate2 instanceof RunDeflate) {
      const { flags, skipZeros, form } = rows;
      const kernel = deflateKernels();
      const inKernels = kernel !== void 0 && kernel.memory.buffer === form.buffer;
      const formAt = inKernels ? form.byteOffset - kernel.memory.byteOffset : void 0;
      const call = this.#scanlines;
      call.stride = stride;
      call.count = count;
      call.flags = flags;
      call.skipZeros = skipZeros;
      call.kernel = kernel;
      call.form = formAt;
      deflate2.writeScanlines(scanlines, call);
    } else deflate2.write(scanlines.subarray(0, count * stride));
    this.#options.digest?.updateForm(rows.form);
    if (count > 0) this.#up.follow(rows.last);
    this.#written += count;
  }
  /**
   * Writes rows of zeros (e.g. the rows above a label's first pixel, in a binary mask).
   *
   * @param count How many rows.
   */
  writeZeroRows(count) {
    const perWrite = Math.max(1, Math.floor(ZERO_BYTES / this.#rowBytes));
    const zeros = zerosOf(perWrite * this.#rowBytes);
    const deflate2 = this.#deflate;
    if (deflate2 instanceof RunDeflate && count > 1 && !this.#up.isAboveZero()) {
      this.writeRows(zeros.subarray(0, this.#rowBytes));
      return this.writeZeroRows(count - 1);
    }
    if (deflate2 instanceof RunDeflate && this.#up.isAboveZero() && this.#written + count <= this.#options.height) {
      deflate2.zeroRows(2, this.#rowBytes, count);
      this.#options.digest?.updateForm(zerosOf(4 * count).subarray(0, 4 * count));
      this.#written += count;
      return;
    }
    for (let left = count; left > 0; left -= perWrite) {
      this.writeRows(zeros.subarray(0, Math.min(left, perWrite) * this.#rowBytes));
    }
  }
  /**
   * Ends the image.
   *
   * @returns The PNG file's bytes.
   * @throws {PngError} when fewer rows than the image's height were written.
   */
  end() {
    const { height } = this.#options;
    if (this.#written !== height) {
      this.close();
      throw new PngError(`the image has ${height} rows but ${this.#written} were written`);
    }
    const deflate2 = this.#deflate;
    const stream = deflate2 instanceof RunDeflate ? withDeflateKernels((kernel) => deflate2.end(kernel)) : deflate2.end();
    const png = pngOfImageData(this.#options, stream);
    if (deflate2 instanceof RunDeflate) deflate2.release();
    return png;
  }
  /** Gives zlib's state back, when the image is abandoned. Safe to call twice. */
  close() {
    if (this.#deflate instanceof DeflateStream) this.#deflate.close();
  }
  /** Closes the encoder: `using encoder = new PngRowEncoder(options)`. */
  [Symbol.dispose]() {
    this.close();
  }
};

// lib/png/_pass_to_rgb.ts
function createPassWriter(header, options) {
  const { colourType, bitDepth } = header;
  const { image, palette } = options;
  const out = image.data;
  const sampleBytes = bitDepth === 16 ? 2 : 1;
  const pixelBytes = CHANNELS_BY_COLOUR_TYPE[colourType] * sampleBytes;
  const indexed = colourType === 3 || colourType === 0 && bitDepth <= 8;
  const lookup = indexed ? colourLookup(header, palette) : void 0;
  return (scanlines, pass) => {
    const stride = pass.rowBytes + 1;
    const step = pass.dx * 3;
    for (let y = 0; y < pass.height; y++) {
      const s = pass.offset + y * stride + 1;
      const o = ((pass.y0 + y * pass.dy) * image.width + pass.x0) * 3;
      if (lookup !== void 0) {
        writeIndexedRow(scanlines, s, {
          out,
          o,
          step,
          width: pass.width,
          bitDepth,
          lookup
        });
      } else if (colourType === 2 && bitDepth === 8 && step === 3) {
        out.set(scanlines.subarray(s, s + pass.width * 3), o);
      } else if (colourType === 2 || colourType === 6) {
        const g = sampleBytes;
        const b = 2 * sampleBytes;
        for (let x = 0, i = s, j = o; x < pass.width; x++, i += pixelBytes, j += step) {
          out[j] = scanlines[i];
          out[j + 1] = scanlines[i + g];
          out[j + 2] = scanlines[i + b];
        }
      } else {
        for (let x = 0, i = s, j = o; x < pass.width; x++, i += pixelBytes, j += step) {
          const grey = scanlines[i];
          out[j] = grey;
          out[j + 1] = grey;
          out[j + 2] = grey;
        }
      }
    }
  };
}
function colourLookup(header, palette) {
  const rgb = new Uint8Array(256 * 3);
  if (header.colourType === 3 && palette !== void 0) {
    rgb.set(palette);
    return {
      rgb,
      entries: palette.length / 3
    };
  }
  const top = (1 << header.bitDepth) - 1;
  const scale = 255 / top;
  for (let value = 0; value <= top; value++) rgb.fill(value * scale, value * 3, value * 3 + 3);
  return {
    rgb,
    entries: 256
  };
}
function writeIndexedRow(scanlines, s, row) {
  const { out, step, width, bitDepth } = row;
  const { rgb, entries } = row.lookup;
  const mask = (1 << bitDepth) - 1;
  const perByte = 8 / bitDepth;
  for (let x = 0, j = row.o; x < width; x++, j += step) {
    let value;
    if (bitDepth === 8) value = scanlines[s + x];
    else {
      const byte = scanlines[s + Math.floor(x / perByte)];
      value = byte >> 8 - bitDepth * (1 + x % perByte) & mask;
    }
    if (value >= entries) {
      throw new PngError(`the PNG uses palette index ${value} but its palette has only ${entries} colours`);
    }
    const k = value * 3;
    out[j] = rgb[k];
    out[j + 1] = rgb[k + 1];
    out[j + 2] = rgb[k + 2];
  }
}

// lib/png/png_rows.ts
var STRIP_BYTES2 = 256 * 1024;
function readPngRows(png, onRows, options = {}) {
  const { header, passes } = png;
  const { width, height } = header;
  const bitsPerPixel = CHANNELS_BY_COLOUR_TYPE[header.colourType] * header.bitDepth;
  const bytesPerPixel2 = Math.max(1, bitsPerPixel >> 3);
  const stripRows = options.stripRows ?? defaultStripRows(passes[0].rowBytes, width, header.interlaced);
  const strip = {
    width,
    height: stripRows,
    data: new Uint8Array(stripRows * width * 3)
  };
  const writePass = createPassWriter(header, {
    palette: png.palette,
    image: strip
  });
  const cursors = [];
  try {
    for (const [index, pass] of passes.entries()) cursors.push(openCursor(png, pass, index));
    let failure;
    for (let first = 0; first < height; first += stripRows) {
      const end = Math.min(height, first + stripRows);
      for (const cursor of cursors) {
        const found = readStrip(png, cursor, {
          first,
          end,
          bytesPerPixel: bytesPerPixel2,
          writePass,
          failure
        });
        if (found !== void 0 && (failure === void 0 || isBefore(found, failure))) {
          failure = found;
        }
      }
      if (failure === void 0) {
        onRows({
          data: strip.data.subarray(0, (end - first) * width * 3),
          first,
          count: end - first
        });
      }
    }
    if (readStream(cursors.at(-1).stream, new Uint8Array(1)) > 0) throw tooLarge(png);
    if (failure !== void 0) throw failure.error;
  } finally {
    for (const cursor of cursors) cursor.stream.close();
  }
}
function defaultStripRows(rowBytes, width, interlaced) {
  const rows = Math.max(1, Math.floor(STRIP_BYTES2 / Math.max(rowBytes + 1, width * 3)));
  return interlaced ? Math.max(8, rows - rows % 8) : rows;
}
function openCursor(png, pass, index) {
  const stream = new InflateStream(png.compressed, {
    maxOutputLength: png.totalBytes + 1
  });
  const cursor = {
    pass,
    index,
    stream,
    rows: new Uint8Array(0)
  };
  const scratch2 = new Uint8Array(Math.min(pass.offset, 64 * 1024));
  for (let skipped = 0; skipped < pass.offset; ) {
    const want = Math.min(scratch2.length, pass.offset - skipped);
    const got = readStream(stream, scratch2.subarray(0, want));
    skipped += got;
    if (got < want) {
      stream.close();
      throw truncated(skipped, png);
    }
  }
  return cursor;
}
function readStrip(png, cursor, work) {
  const { pass } = cursor;
  const firstRow = rowOfPass(pass, work.first);
  const count = rowOfPass(pass, work.end) - firstRow;
  if (count <= 0) return void 0;
  const stride = pass.rowBytes + 1;
  if (cursor.rows.length < (count + 1) * stride) {
    const grown = new Uint8Array((count + 1) * stride);
    grown.set(cursor.rows.subarray(0, stride));
    cursor.rows = grown;
  }
  const { rows } = cursor;
  const got = readStream(cursor.stream, rows.subarray(stride, (count + 1) * stride));
  if (got < count * stride) throw truncated(pass.offset + firstRow * stride + got, png);
  const { failure } = work;
  if (failure && (failure.pass < cursor.index || failure.pass === cursor.index && failure.kind === 0)) {
    return void 0;
  }
  const above = firstRow === 0 ? new Uint8Array(pass.rowBytes) : rows.subarray(1, stride);
  const { bytesPerPixel: bytesPerPixel2 } = work;
  const bad = unfilterRows(rows, {
    at: stride,
    rows: count,
    rowBytes: pass.rowBytes,
    bytesPerPixel: bytesPerPixel2,
    above
  });
  if (bad >= 0) {
    const error = invalidFilterError(rows[(bad + 1) * stride], firstRow + bad, pass.number);
    return {
      pass: cursor.index,
      kind: 0,
      error
    };
  }
  rows.copyWithin(0, count * stride, (count + 1) * stride);
  if (failure?.pass === cursor.index) return void 0;
  const y0 = pass.y0 + firstRow * pass.dy - work.first;
  try {
    work.writePass(rows, {
      ...pass,
      y0,
      height: count,
      offset: stride
    });
  } catch (error) {
    return {
      pass: cursor.index,
      kind: 1,
      error
    };
  }
  return void 0;
}
function rowOfPass(pass, y) {
  if (y <= pass.y0) return 0;
  return Math.min(pass.height, Math.ceil((y - pass.y0) / pass.dy));
}
function isBefore(a, b) {
  return a.pass < b.pass || a.pass === b.pass && a.kind < b.kind;
}

// lib/raster/mask_sampler.ts
var THUMBNAIL_SIDE = 160;
var MaskSampler = class {
  #sourceWidth;
  #sourceHeight;
  #columns;
  #rows;
  #samples;
  #next = 0;
  /**
   * Plans the thumbnail of a mask of this size.
   *
   * @param width The mask's width.
   * @param height The mask's height.
   * @param side The thumbnail's longest side; a smaller mask keeps its size.
   */
  constructor(width, height, side = THUMBNAIL_SIDE) {
    const scale = Math.min(1, side / Math.max(width, height));
    const thumbWidth = Math.max(1, Math.round(width * scale));
    const thumbHeight = Math.max(1, Math.round(height * scale));
    this.#sourceWidth = width;
    this.#sourceHeight = height;
    this.#columns = centres(thumbWidth, width);
    this.#rows = centres(thumbHeight, height);
    this.#samples = {
      width: thumbWidth,
      height: thumbHeight,
      codes: new Uint16Array(thumbWidth * thumbHeight)
    };
  }
  /**
   * Samples the thumbnail rows whose source rows are among these.
   *
   * @param strip The rows: buffer, offset of the first row's first pixel, stride, the first
   * row's number in the mask, row count, bytes per pixel (3 for RGB, 4 for RGBA).
   */
  takeRows(...[pixels, at, stride, first, count, channels]) {
    const { width, codes } = this.#samples;
    const columns = this.#columns;
    while (this.#next < this.#rows.length && this.#rows[this.#next] < first + count) {
      const source = this.#rows[this.#next];
      if (source >= first) {
        const row = at + (source - first) * stride;
        const out = this.#next * width;
        for (let x = 0; x < width; x++) {
          const pixel = row + columns[x] * channels;
          codes[out + x] = pixels[pixel] === 0 ? 0 : 1 + pixels[pixel + 2];
        }
      }
      this.#next++;
    }
  }
  /**
   * The samples, once every row went by.
   *
   * @returns The thumbnail's size and codes.
   */
  samples() {
    if (this.#next < this.#rows.length) {
      throw new Error(`the sampler saw ${this.#next} of ${this.#rows.length} rows of a ${this.#sourceWidth}\xD7${this.#sourceHeight} mask`);
    }
    return this.#samples;
  }
};
function centres(count, size) {
  const at = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    at[i] = Math.min(size - 1, Math.floor((i + 0.5) * size / count));
  }
  return at;
}

// lib/png/encode_png.ts
var DEFAULT_ZLIB_LEVEL = 2;

// lib/raster/semantic_mapping.ts
function recolourRows(pixels, table) {
  for (let i = 0; i < pixels.length; i += 3) {
    const entry = pixels[i + 2] * 4;
    if (table[entry] === 1 && pixels[i] >= 1) {
      pixels[i] = table[entry + 1];
      pixels[i + 1] = table[entry + 2];
      pixels[i + 2] = table[entry + 3];
    }
  }
  return pixels;
}
function colourTableOf(colourByBChannel) {
  const table = new Uint8Array(256 * 4);
  for (const [bChannel, colour] of colourByBChannel) {
    if (!isByte(bChannel)) {
      throw new ConfigError(`Semantic mapping has bChannel ${bChannel}; a bChannel is an integer from 0 to 255.`, {
        setting: "semanticMapping"
      });
    }
    if (colour.length !== 3 || !colour.every(isByte)) {
      throw new ConfigError(`Semantic mapping colour for bChannel ${bChannel} is ${JSON.stringify(colour)}; give three integers from 0 to 255, like [255, 0, 0].`, {
        setting: "semanticMapping"
      });
    }
    if (bChannel !== 0) table.set([
      1,
      ...colour
    ], bChannel * 4);
  }
  return table;
}
function isByte(value) {
  return Number.isInteger(value) && value >= 0 && value <= 255;
}

// lib/raster/transcode_png.ts
var HARMLESS_CHUNKS = /* @__PURE__ */ new Set([
  "tEXt",
  "zTXt",
  "iTXt",
  "tIME",
  "pHYs"
]);
async function transcodeMask(bytes, options = {}) {
  const png = checkPng(bytes, options.maxPixels);
  const mapping = options.colourByBChannel;
  const { header } = png;
  const { width, height } = header;
  const pixels = options.pixels?.({
    width,
    height
  });
  const digest = options.digest?.({
    width,
    height
  });
  const sampler = options.thumbnailSide === void 0 ? void 0 : new MaskSampler(width, height, options.thumbnailSide);
  if (!isFastFlavour(header)) {
    const table = tableOf(mapping);
    const encoded = transcodeOtherFlavour(png, {
      table,
      census: options.census,
      sampler,
      pixels,
      digest
    });
    return {
      ...encoded,
      width,
      height,
      samples: sampler?.samples(),
      warnings: png.warnings
    };
  }
  const colourTable = tableOf(mapping);
  if (colourTable === void 0 && header.colourType === 2 && isPlain(png)) {
    const { census: census2 } = verifyFastRgb(png, {
      census: options.census,
      sampler,
      pixels,
      digest
    });
    return {
      png: bytes,
      width,
      height,
      census: census2,
      samples: sampler?.samples(),
      warnings: png.warnings
    };
  }
  const { idat, census } = transcodeFastRgb(png, {
    colourTable,
    census: options.census,
    sampler,
    pixels,
    digest
  });
  const file = pngOfImageData({
    width,
    height,
    bitDepth: 8,
    colourType: 2
  }, idat);
  return {
    png: file,
    width,
    height,
    census,
    samples: sampler?.samples(),
    warnings: png.warnings
  };
}
function transcodeOtherFlavour(png, options) {
  const { table, sampler, pixels } = options;
  const { width, height } = png.header;
  const census = options.census ? emptyCensus() : void 0;
  using encoder2 = new PngRowEncoder({
    width,
    height,
    bitDepth: 8,
    colourType: 2,
    level: DEFAULT_ZLIB_LEVEL,
    digest: options.digest
  });
  readPngRows(png, ({ data, first, count }) => {
    if (census) addToCensus(census, data);
    sampler?.takeRows(data, 0, width * 3, first, count, 3);
    const rows = table ? recolourRows(data, table) : data;
    pixels?.update(rows);
    encoder2.writeRows(rows);
  });
  return {
    png: encoder2.end(),
    census
  };
}
function tableOf(mapping) {
  return mapping && mapping.size > 0 ? colourTableOf(mapping) : void 0;
}
function isPlain(png) {
  return png.palette === void 0 && png.warnings.length === 0 && png.ancillary.every((type) => HARMLESS_CHUNKS.has(type));
}

// lib/png/decode_png.ts
async function decodePng(bytes, options = {}) {
  const png = checkPng(bytes, options.maxPixels);
  const { width, height } = png.header;
  const data = new Uint8Array(width * height * 3);
  readPngRows(png, (rows) => data.set(rows.data, rows.first * width * 3));
  return {
    width,
    height,
    data
  };
}

// lib/raster/_shape.ts
var MAX_INSTANCES = 255;
var SLACK2 = 0.1;
function verticesProblem(vertices, kind) {
  if (!Array.isArray(vertices)) return 'has no "geometry.vertices" list';
  const bad = vertices.findIndex((value) => typeof value !== "number" || !Number.isFinite(value));
  if (bad >= 0) {
    const value = vertices[bad];
    const shown = typeof value === "number" ? value : String(JSON.stringify(value)).slice(0, 40);
    return `has ${shown} at position ${bad + 1} of its vertices, which must be numbers`;
  }
  const count = vertices.length;
  if (kind === "rectangle" && count !== 4) {
    return `has ${count} numbers in its vertices; a rectangle has 4: left, top, right, bottom`;
  }
  if (kind === "polygon" && (count % 2 !== 0 || count < 6)) {
    return `has ${count} numbers in its vertices; a polygon needs x, y pairs for 3 points or more`;
  }
  const far = vertices.findIndex((value) => value < -SLACK2 || value > 1 + SLACK2);
  if (far < 0) return void 0;
  return `has ${vertices[far]} at position ${far + 1} of its vertices, outside 0..1; vector coordinates are fractions of the image's width and height`;
}

// lib/raster/rasterize_shapes.ts
function rasterizeShapes(shapes, size) {
  const { width, height } = size;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new MasksError(`the image size is ${width}\xD7${height}; a mask needs whole numbers of pixels, at least 1\xD71`);
  }
  shapes.forEach((shape, index) => {
    const at = `shape ${index + 1}`;
    if (!Number.isInteger(shape.instanceId) || shape.instanceId < 1) {
      throw new MasksError(`${at} has instance id ${shape.instanceId}; it must be a whole number from 1`);
    }
    if (!Number.isInteger(shape.bChannel) || shape.bChannel < 0 || shape.bChannel > 255) {
      throw new MasksError(`${at} has bChannel ${shape.bChannel}; it must be 0 to 255`);
    }
  });
  const lastId = shapes.reduce((last, shape) => Math.max(last, shape.instanceId), 0);
  if (lastId > MAX_INSTANCES) {
    throw new MasksError(`the task has ${lastId} annotations; the RGB mask convention holds at most ${MAX_INSTANCES} instances`);
  }
  const data = new Uint8Array(width * height * 3);
  const covered = new Uint8Array(width);
  shapes.forEach((shape, index) => {
    const at = `shape ${index + 1} (instance ${shape.instanceId})`;
    const toPixels = (vertices, what) => {
      const problem = verticesProblem(vertices, shape.kind);
      if (problem) throw new MasksError(`${at}: ${what} ${problem}`);
      return pixelRing(vertices, shape.kind, width, height);
    };
    const rings = shape.rings.map((ring, i) => toPixels(ring, `ring ${i + 1}`));
    const holes = (shape.holes ?? []).map((hole, i) => toPixels(hole, `hole ${i + 1}`));
    const colour = [
      shape.instanceId,
      shape.instanceId % 255,
      shape.bChannel
    ];
    paintRings(data, covered, height, rings, holes, colour);
  });
  return {
    width,
    height,
    data
  };
}
function pixelRing(vertices, kind, width, height) {
  const [left, top, right, bottom] = vertices;
  const outline = kind === "rectangle" ? [
    left,
    top,
    right,
    top,
    right,
    bottom,
    left,
    bottom
  ] : vertices;
  const ring = new Float64Array(outline.length);
  for (let i = 0; i < outline.length; i += 2) {
    ring[i] = outline[i] * width;
    ring[i + 1] = outline[i + 1] * height;
  }
  return ring;
}
function paintRings(data, covered, height, rings, holes, colour) {
  const width = covered.length;
  let top = Infinity;
  let bottom = -Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i += 2) {
      top = Math.min(top, ring[i]);
      bottom = Math.max(bottom, ring[i]);
    }
  }
  const crossings = new Float64Array(Math.max(0, ...[
    ...rings,
    ...holes
  ].map((r) => r.length)));
  for (let row = Math.max(0, Math.floor(top)); row < Math.min(height, Math.ceil(bottom)); row++) {
    let left = width;
    let right = 0;
    for (const ring of rings) {
      forEachSpan(ring, row + 0.5, crossings, width, (from, to) => {
        covered.fill(1, from, to);
        left = Math.min(left, from);
        right = Math.max(right, to);
      });
    }
    if (left >= right) continue;
    for (const hole of holes) {
      forEachSpan(hole, row + 0.5, crossings, width, (from, to) => covered.fill(0, from, to));
    }
    for (let x = left; x < right; x++) {
      if (covered[x] === 0) continue;
      covered[x] = 0;
      data.set(colour, (row * width + x) * 3);
    }
  }
}
function forEachSpan(ring, y, crossings, width, use) {
  let count = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = i + 2 === n ? 0 : i + 2;
    const y0 = ring[i + 1];
    const y1 = ring[j + 1];
    if (y0 > y !== y1 > y) {
      const x0 = ring[i];
      crossings[count++] = x0 + (y - y0) * (ring[j] - x0) / (y1 - y0);
    }
  }
  crossings.subarray(0, count).sort();
  for (let i = 0; i + 1 < count; i += 2) {
    const from = firstCentreFrom(crossings[i], width);
    const to = firstCentreFrom(crossings[i + 1], width);
    if (from < to) use(from, to);
  }
}
function firstCentreFrom(edge, width) {
  if (edge <= 0.5) return 0;
  if (edge > width - 0.5) return width;
  return Math.ceil(edge - 0.5);
}

// lib/raster/shapes_of_annotations.ts
function shapesOfAnnotations(annotations, options) {
  if (annotations === void 0 || annotations === null) return [];
  if (!Array.isArray(annotations)) {
    const kind = typeof annotations === "object" ? "an object" : typeof annotations;
    throw new MasksError(`the annotations are ${kind}, not a list`);
  }
  const shapes = [];
  annotations.forEach((annotation, index) => {
    const shape = shapeOf(annotation, index, options);
    if (shape !== void 0) shapes.push(shape);
  });
  return shapes;
}
function shapeOf(annotation, index, options) {
  const record = isRecord(annotation) ? annotation : {};
  const id = record.id;
  const name = typeof id === "string" || typeof id === "number" ? JSON.stringify(String(id)) : `number ${index + 1}`;
  const fail = (problem) => new MasksError(`annotation ${name} ${problem}`);
  if (!isRecord(annotation)) throw fail("is not an object");
  const labelIds = labelIdsOf(record.labels);
  if (labelIds.length === 0) {
    if (options.onUnlabeled === void 0) {
      throw fail('has no label in "labels.<list>.labels[].id"');
    }
    options.onUnlabeled(name);
    return void 0;
  }
  const bChannel = options.bChannelOf(labelIds);
  if (bChannel === void 0) {
    const labels = labelIds.map((labelId) => JSON.stringify(labelId)).join(", ");
    throw fail(`has label ${labels}, which has no bChannel in the configuration; give the label a bChannel or choose a configuration that has it`);
  }
  if (!Number.isInteger(bChannel) || bChannel < 1 || bChannel > 255) {
    throw fail(`has a label whose bChannel is ${bChannel}; a bChannel is 1 to 255`);
  }
  const polygons = Array.isArray(record.polygons) ? record.polygons : [];
  if (polygons.length === 0) throw fail('has no shape in "polygons"');
  const verticesOf = (item, what) => {
    const vertices = isRecord(item) && isRecord(item.geometry) ? item.geometry.vertices : void 0;
    const problem = verticesProblem(vertices, options.kind);
    if (problem) throw fail(`has ${what} that ${problem}`);
    return vertices;
  };
  const rings = polygons.map((polygon, i) => verticesOf(polygon, `polygon ${i + 1}`));
  const holes = listOf(record.minus).map((hole, i) => verticesOf(hole, `hole ${i + 1}`));
  polygons.forEach((polygon, i) => {
    const minus = isRecord(polygon) ? listOf(polygon.minus) : [];
    minus.forEach((hole, j) => holes.push(verticesOf(hole, `hole ${j + 1} of polygon ${i + 1}`)));
  });
  return {
    kind: options.kind,
    rings,
    holes,
    instanceId: index + 1,
    bChannel
  };
}
function labelIdsOf(labels) {
  const ids = /* @__PURE__ */ new Set();
  if (!isRecord(labels)) return [];
  for (const list of Object.values(labels)) {
    for (const label of isRecord(list) ? listOf(list.labels) : []) {
      if (isRecord(label) && typeof label.id === "string") ids.add(label.id);
    }
  }
  return [
    ...ids
  ];
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function listOf(value) {
  return Array.isArray(value) ? value : [];
}

// lib/export/_task_decoder.ts
async function decodeTaskMask(taskMask, onWarning) {
  const { mask, maxPixels } = taskMask;
  if (mask.kind === "png") {
    return await decodePng(mask.bytes, {
      maxPixels
    });
  }
  const size = mask.image;
  if (!size) {
    throw new MasksError("its image size is missing (data.body.image with width and height), so its shapes cannot be placed");
  }
  if (size.width * size.height > (maxPixels ?? DEFAULT_MAX_PIXELS)) {
    throw new PngError(`its image is ${size.width}\xD7${size.height}, above the pixel limit`, {
      setting: "maxPixels"
    });
  }
  const bChannelByLabel = taskMask.bChannelByLabel ?? /* @__PURE__ */ new Map();
  const unlabeled = [];
  const shapes = shapesOfAnnotations(mask.annotations, {
    kind: mask.geometry,
    bChannelOf: (labelIds) => labelIds.map((id) => bChannelByLabel.get(id)).find((b) => b !== void 0),
    onUnlabeled: (name) => unlabeled.push(name)
  });
  if (unlabeled.length > 0) onWarning?.(unlabeledWarning(unlabeled));
  return rasterizeShapes(shapes, size);
}
function unlabeledWarning(names) {
  const listed = names.slice(0, 5).join(", ") + (names.length > 5 ? ", ..." : "");
  return names.length === 1 ? `annotation ${names[0]} has no label, so it was left out` : `${names.length} annotations have no label (${listed}), so they were left out`;
}
function imageSizeWarning(image, expected) {
  if (!expected || expected.width === image.width && expected.height === image.height) {
    return void 0;
  }
  return `the mask is ${image.width}\xD7${image.height} but the task's image is ${expected.width}\xD7${expected.height}; it was exported at its own size`;
}

// lib/png/pixel_digest.ts
import { createHash } from "node:crypto";

// lib/sha256.ts
var K = new Int32Array([
  1116352408,
  1899447441,
  3049323471,
  3921009573,
  961987163,
  1508970993,
  2453635748,
  2870763221,
  3624381080,
  310598401,
  607225278,
  1426881987,
  1925078388,
  2162078206,
  2614888103,
  3248222580,
  3835390401,
  4022224774,
  264347078,
  604807628,
  770255983,
  1249150122,
  1555081692,
  1996064986,
  2554220882,
  2821834349,
  2952996808,
  3210313671,
  3336571891,
  3584528711,
  113926993,
  338241895,
  666307205,
  773529912,
  1294757372,
  1396182291,
  1695183700,
  1986661051,
  2177026350,
  2456956037,
  2730485921,
  2820302411,
  3259730800,
  3345764771,
  3516065817,
  3600352804,
  4094571909,
  275423344,
  430227734,
  506948616,
  659060556,
  883997877,
  958139571,
  1322822218,
  1537002063,
  1747873779,
  1955562222,
  2024104815,
  2227730452,
  2361852424,
  2428436474,
  2756734187,
  3204031479,
  3329325298
]);
var INITIAL = new Int32Array([
  1779033703,
  3144134277,
  1013904242,
  2773480762,
  1359893119,
  2600822924,
  528734635,
  1541459225
]);
var SCHEDULE = new Int32Array(64);
var HEX = Array.from({
  length: 256
}, (_, byte) => byte.toString(16).padStart(2, "0"));
var encoder = new TextEncoder();
var Sha256 = class {
  #state = new Int32Array(INITIAL);
  /** The bytes of the current block not hashed yet: `#block[0..#filled)`. */
  #block = new Uint8Array(64);
  #filled = 0;
  /** The message's length so far, in bytes. */
  #length = 0;
  /**
   * Adds bytes to the message.
   *
   * @param data Bytes, or text (hashed as UTF-8).
   * @returns This hasher, to chain calls.
   */
  update(data) {
    const bytes = typeof data === "string" ? encoder.encode(data) : data;
    this.#length += bytes.length;
    let offset = 0;
    if (this.#filled > 0) {
      offset = Math.min(64 - this.#filled, bytes.length);
      this.#block.set(bytes.subarray(0, offset), this.#filled);
      this.#filled += offset;
      if (this.#filled < 64) return this;
      compress(this.#state, SCHEDULE, this.#block, 0, 64);
      this.#filled = 0;
    }
    const whole = offset + (bytes.length - offset & ~63);
    if (whole > offset) compress(this.#state, SCHEDULE, bytes, offset, whole);
    if (whole < bytes.length) {
      this.#block.set(bytes.subarray(whole));
      this.#filled = bytes.length - whole;
    }
    return this;
  }
  /**
   * Ends the message and starts a new, empty one.
   *
   * @returns The message's SHA-256, 64 lower-case hex digits.
   */
  digestHex() {
    const block = this.#block;
    block[this.#filled] = 128;
    block.fill(0, this.#filled + 1);
    if (this.#filled >= 56) {
      compress(this.#state, SCHEDULE, block, 0, 64);
      block.fill(0);
    }
    const bits = this.#length * 8;
    const high = Math.floor(bits / 4294967296);
    const low = bits >>> 0;
    for (let i = 0; i < 4; i++) {
      block[59 - i] = high >>> 8 * i;
      block[63 - i] = low >>> 8 * i;
    }
    compress(this.#state, SCHEDULE, block, 0, 64);
    let hex2 = "";
    for (const word of this.#state) {
      hex2 += HEX[word >>> 24] + HEX[word >>> 16 & 255] + HEX[word >>> 8 & 255] + HEX[word & 255];
    }
    this.#state.set(INITIAL);
    this.#filled = 0;
    this.#length = 0;
    return hex2;
  }
};
function compress(state, w, bytes, start, end) {
  let h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3];
  let h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7];
  for (let offset = start; offset < end; offset += 64) {
    for (let i = 0, j = offset; i < 16; i++, j += 4) {
      w[i] = bytes[j] << 24 | bytes[j + 1] << 16 | bytes[j + 2] << 8 | bytes[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15], y = w[i - 2];
      const s0 = (x >>> 7 | x << 25) ^ (x >>> 18 | x << 14) ^ x >>> 3;
      const s1 = (y >>> 17 | y << 15) ^ (y >>> 19 | y << 13) ^ y >>> 10;
      w[i] = s1 + w[i - 7] + s0 + w[i - 16] | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = (e >>> 6 | e << 26) ^ (e >>> 11 | e << 21) ^ (e >>> 25 | e << 7);
      const t1 = h + s1 + (e & f ^ ~e & g) + K[i] + w[i] | 0;
      const s0 = (a >>> 2 | a << 30) ^ (a >>> 13 | a << 19) ^ (a >>> 22 | a << 10);
      const t2 = s0 + (a & b ^ a & c ^ b & c) | 0;
      h = g;
      g = f;
      f = e;
      e = d + t1 | 0;
      d = c;
      c = b;
      b = a;
      a = t1 + t2 | 0;
    }
    h0 = h0 + a | 0, h1 = h1 + b | 0, h2 = h2 + c | 0, h3 = h3 + d | 0;
    h4 = h4 + e | 0, h5 = h5 + f | 0, h6 = h6 + g | 0, h7 = h7 + h | 0;
  }
  state[0] = h0, state[1] = h1, state[2] = h2, state[3] = h3;
  state[4] = h4, state[5] = h5, state[6] = h6, state[7] = h7;
}

// lib/png/pixel_digest.ts
var PIXEL_FORM = "lab-masks-pixels/2";
var SMALL_IMAGE = 512 * 512;
var PixelDigest = class {
  #hash;
  #digestHex;
  #rowBytes;
  /** The last row given (zeros before the first); `undefined` once differences were given. */
  #last;
  /** The rows' pieces, staged for the hash. */
  #pieces;
  /**
   * Starts the digest with the canonical header (and palette).
   *
   * @param options The size and layout.
   */
  constructor(options) {
    const { width, height, layout, palette } = options;
    const word = layout === "indexed8" ? `indexed8/${(palette?.length ?? 0) / 3}` : layout;
    if (width * height <= SMALL_IMAGE) {
      const hash = new Sha256();
      this.#hash = hash;
      this.#digestHex = () => hash.digestHex();
    } else {
      const hash = createHash("sha256");
      this.#hash = hash;
      this.#digestHex = () => hash.digest("hex");
    }
    this.#hash.update(`${PIXEL_FORM} ${width} ${height} ${word}
`);
    if (layout === "indexed8" && palette) this.#hash.update(palette);
    this.#rowBytes = width * (layout === "rgb8" ? 3 : layout === "gray16" ? 2 : 1);
    this.#last = new Uint8Array(this.#rowBytes);
    this.#pieces = new PixelPieces(this.#hash, this.#rowBytes);
  }
  /** The bytes of one row. */
  get rowBytes() {
    return this.#rowBytes;
  }
  /**
   * Adds whole rows given back to back.
   *
   * @param rows The rows' bytes.
   * @param sameAsAbove Which rows are the same as the row above, where the caller knows.
   */
  update(rows, sameAsAbove) {
    const rowBytes = this.#rowBytes;
    this.updateRows(rows, 0, rowBytes, rowBytes === 0 ? 0 : rows.length / rowBytes, sameAsAbove);
  }
  /**
   * Adds `count` rows of a strip whose rows start `stride` bytes apart in `memory`.
   *
   * @param memory The bytes holding the rows.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param sameAsAbove Which rows are the same as the row above, where the caller knows.
   * @throws {RangeError} after differences were given.
   */
  updateRows(memory, at, stride, count, sameAsAbove) {
    const last = this.#rowsOnly();
    const rowBytes = this.#rowBytes;
    for (let row = 0, p = at; row < count; row++, p += stride) {
      if (sameAsAbove?.(row) === true) this.#pieces.endRow();
      else if (row === 0) this.#pieces.addRow(memory, p, last, 0);
      else this.#pieces.addRow(memory, p, memory, p - stride);
    }
    if (count > 0) {
      const from = at + (count - 1) * stride;
      last.set(memory.subarray(from, from + rowBytes));
    }
  }
  /**
   * Adds `count` rows given as their differences with the row above (PNG's Up filter, without
   * the filter-type byte), `stride` bytes apart in `memory` from `at`.
   *
   * @param memory The bytes holding the differences.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param noDifference Which rows are known to be all zeros (they are not read).
   */
  updateDifferences(memory, at, stride, count, noDifference) {
    this.#last = void 0;
    for (let row = 0, p = at; row < count; row++, p += stride) {
      if (noDifference?.(row) === true) this.#pieces.endRow();
      else this.#pieces.addRow(memory, p, void 0, 0);
    }
  }
  /**
   * Adds bytes of the canonical form as they are, e.g. written by the kernels
   * (`digestPieces`) from rows they hold.
   *
   * @param bytes The canonical form of whole rows.
   */
  updateForm(bytes) {
    this.#last = void 0;
    this.#pieces.flush();
    this.#hash.update(bytes);
  }
  /**
   * Ends the digest.
   *
   * @returns The SHA-256, 64 hex digits.
   */
  hex() {
    this.#pieces.flush();
    return this.#digestHex();
  }
  #rowsOnly() {
    if (this.#last === void 0) {
      throw new RangeError("PixelDigest was given differences: it cannot take rows after them");
    }
    return this.#last;
  }
};

// lib/png/b_channel_tally.ts
var BChannelTally = class {
  /** By B value, the labelled pixels counted so far. */
  counts = new Float64Array(256);
  #rowBytes;
  /** The last row counted: its B values and their pixels, in pairs. */
  #last = [];
  /**
   * Starts a tally of rows of `width` pixels.
   *
   * @param width The mask's width in pixels.
   */
  constructor(width) {
    this.#rowBytes = width * 3;
  }
  /**
   * Counts whole rows given back to back.
   *
   * @param rows The rows' RGB bytes.
   * @param sameAsAbove Which rows repeat the row above, where the caller knows.
   */
  update(rows, sameAsAbove) {
    const count = this.#rowBytes === 0 ? 0 : rows.length / this.#rowBytes;
    this.updateRows(rows, 0, this.#rowBytes, count, sameAsAbove);
  }
  /**
   * Counts `count` rows that start `stride` bytes apart in `memory`, from `at`.
   *
   * @param memory The bytes holding the rows.
   * @param at The first row's first byte.
   * @param stride The distance between rows.
   * @param count How many rows.
   * @param sameAsAbove Which rows repeat the row above, where the caller knows.
   */
  updateRows(memory, at, stride, count, sameAsAbove) {
    const { counts } = this;
    const row = new Float64Array(256);
    const words = sameAsAbove ? void 0 : wordsOf2(memory, at, stride, this.#rowBytes);
    for (let r = 0, p = at; r < count; r++, p += stride) {
      const same = sameAsAbove ? sameAsAbove(r) : r > 0 && words !== void 0 && sameWords(words, (p - at) / 4, stride / 4, this.#rowBytes / 4);
      if (same !== true) {
        this.#last = [];
        const end = p + this.#rowBytes;
        for (let i = p; i < end; i += 3) if (memory[i] !== 0) row[memory[i + 2]]++;
        for (let b = 0; b < 256; b++) {
          if (row[b] !== 0) this.#last.push(b, row[b]);
        }
        row.fill(0);
      }
      const last = this.#last;
      for (let k = 0; k < last.length; k += 2) counts[last[k]] += last[k + 1];
    }
  }
};
function wordsOf2(memory, at, stride, rowBytes) {
  const start = memory.byteOffset + at;
  if (start % 4 !== 0 || stride % 4 !== 0 || rowBytes % 4 !== 0) return void 0;
  return new Uint32Array(memory.buffer, start, memory.byteLength - at >> 2);
}
function sameWords(words, w, strideWords, rowWords) {
  for (let k = 0, above = w - strideWords; k < rowWords; k++) {
    if (words[w + k] !== words[above + k]) return false;
  }
  return true;
}

// lib/model/stats_of_census.ts
function statsOfCensus(census, table) {
  const { bSeen, firstB } = census;
  const instances = {};
  let instanceCount = 0;
  for (let r = 1; r < 256; r++) {
    if (firstB[r] < 0) continue;
    instanceCount++;
    instances[String(r)] = table.labelByBChannel[firstB[r]] ?? null;
  }
  const bChannels = [];
  for (let b = 0; b < 256; b++) if (bSeen[b] === 1) bChannels.push(b);
  const labels = [];
  for (const entry of table.classes) {
    const { id, bChannel } = entry;
    if (bSeen[bChannel] === 1 && table.labelByBChannel[bChannel] === id) labels.push(id);
  }
  return {
    labels,
    instanceCount,
    instances,
    bChannels
  };
}

// lib/detect/class_table.ts
var IGNORE_COLOUR = [
  224,
  224,
  192
];
function classPalette(table) {
  const palette = new Uint8Array((table.ignoreIndex + 1) * 3);
  for (const entry of [
    ...table.reserved,
    ...table.classes
  ]) {
    palette.set(entry.colour, entry.index * 3);
  }
  palette.set(IGNORE_COLOUR, table.ignoreIndex * 3);
  return palette;
}

// lib/export/panoptic_segments.ts
var PanopticSegments = class {
  #width;
  #classOfB;
  #stuff;
  // Segment ids are below 256 · 256 (class indices are at most 254): a slot per id.
  #slotOfId = new Int32Array(256 * 256).fill(-1);
  #ids = [];
  #area = [];
  #minX = [];
  #minY = [];
  #maxX = [];
  #maxY = [];
  /** The runs of the last row taken, three numbers each: id, first and last column. */
  #runs = [];
  /** The last panoptic row made (zeros above the first). */
  #lastRow;
  /**
   * Starts with no segment.
   *
   * @param table The project's classes: the class index of each bChannel.
   * @param options The class indices that are stuff, and the mask's width.
   */
  constructor(table, options) {
    this.#width = options.width;
    this.#lastRow = new Uint8Array(options.width * 3);
    const tables = panopticTables(table, options.stuffClasses);
    this.#classOfB = tables.classOfB;
    this.#stuff = tables.stuff;
  }
  /**
   * Counts the segments of a strip of panoptic rows from their runs of equal pixels, as the strip
   * reader's kernels give them (`ConvertedRows.runs`).
   *
   * @param runs Per row, its number of runs, then each run's first column and pixel.
   * @param first The strip's first row in the image.
   * @param count The strip's rows.
   */
  takeRuns(runs, first, count) {
    const width = this.#width;
    for (let row = 0, k = 0; row < count; row++) {
      const n = runs[k++];
      for (let j = 0; j < n; j++, k += 2) {
        const id = runs[k + 1];
        if (id === 0) continue;
        const to = j + 1 < n ? runs[k + 2] - 1 : width - 1;
        this.#addRun(id, runs[k], to, first + row);
      }
    }
  }
  /**
   * Turns a strip of the mask's RGB rows into the panoptic PNG's rows, and counts its segments. A
   * row that `repeats` says repeats the row above is copied from it, its runs counted again.
   *
   * @param rows The strip: `count` rows of `width · 3` bytes from row `first`, and which rows
   * are known to repeat the row above (1).
   * @param target Where the panoptic rows go, at least as long as the strip.
   * @returns The panoptic rows: `target`'s first `rows.data.length` bytes.
   */
  takeRows(rows, target) {
    const { data, first, count, repeats } = rows;
    const rowBytes = this.#width * 3;
    const runs = this.#runs;
    for (let row = 0; row < count; row++) {
      const at = row * rowBytes;
      if (repeats?.[row] === 1) {
        if (row === 0) target.set(this.#lastRow);
        else target.copyWithin(at, at - rowBytes, at);
        for (let r = 0; r < runs.length; r += 3) {
          this.#addRun(runs[r], runs[r + 1], runs[r + 2], first + row);
        }
      } else this.#takeRow(data, target, at, first + row);
    }
    if (count > 0) this.#lastRow.set(target.subarray((count - 1) * rowBytes, count * rowBytes));
    return target.subarray(0, data.length);
  }
  /** Makes the panoptic row `y` from the RGB row at `data[at]`, and counts (and keeps) its runs. */
  #takeRow(data, target, at, y) {
    const width = this.#width;
    const runs = this.#runs;
    runs.length = 0;
    let runId = 0;
    let runStart = 0;
    for (let x = 0, i = at; x < width; x++, i += 3) {
      const red = data[i];
      const classIndex = red === 0 ? 0 : this.#classOfB[data[i + 2]];
      const instance2 = classIndex === 0 || this.#stuff[classIndex] === 1 ? 0 : red;
      target[i] = instance2;
      target[i + 1] = classIndex;
      target[i + 2] = 0;
      const id = classIndex === 0 ? 0 : instance2 + 256 * classIndex;
      if (id === runId) continue;
      if (runId !== 0) runs.push(runId, runStart, x - 1);
      runId = id;
      runStart = x;
    }
    if (runId !== 0) runs.push(runId, runStart, width - 1);
    for (let r = 0; r < runs.length; r += 3) this.#addRun(runs[r], runs[r + 1], runs[r + 2], y);
  }
  /**
   * The segments seen so far, by id ascending: class by class, its stuff or its instances.
   *
   * @returns The segments, each with its area and tight box.
   */
  segments() {
    const slots = this.#ids.map((_, slot) => slot).sort((a, b) => this.#ids[a] - this.#ids[b]);
    return slots.map((slot) => ({
      id: this.#ids[slot],
      category_id: this.#ids[slot] >> 8,
      iscrowd: 0,
      area: this.#area[slot],
      bbox: [
        this.#minX[slot],
        this.#minY[slot],
        this.#maxX[slot] - this.#minX[slot] + 1,
        this.#maxY[slot] - this.#minY[slot] + 1
      ]
    }));
  }
  /** Adds the pixels `from..to` of row `y` to segment `id`. */
  #addRun(id, from, to, y) {
    let slot = this.#slotOfId[id];
    if (slot === -1) {
      slot = this.#ids.length;
      this.#slotOfId[id] = slot;
      this.#ids.push(id);
      this.#area.push(0), this.#minX.push(from), this.#maxX.push(to);
      this.#minY.push(y), this.#maxY.push(y);
    }
    this.#area[slot] += to - from + 1;
    if (from < this.#minX[slot]) this.#minX[slot] = from;
    if (to > this.#maxX[slot]) this.#maxX[slot] = to;
    this.#maxY[slot] = y;
  }
};
function panopticTables(table, stuffClasses) {
  const classOfB = new Uint8Array(256);
  const stuff = new Uint8Array(256);
  table.labelByBChannel.forEach((label, b) => {
    if (label !== void 0) classOfB[b] = table.indexByBChannel[b];
  });
  for (const index of stuffClasses) stuff[index] = 1;
  return {
    classOfB,
    stuff
  };
}

// lib/png/pixel_layout.ts
function pixelLayoutOf(colourType, bitDepth) {
  if (colourType === 0 && bitDepth === 8) return "gray8";
  if (colourType === 0 && bitDepth === 16) return "gray16";
  if (colourType === 2 && bitDepth === 8) return "rgb8";
  if (colourType === 3 && bitDepth === 8) return "indexed8";
  return void 0;
}

// lib/export/_hashing_encoder.ts
function hashingEncoder(options) {
  const layout = pixelLayoutOf(options.colourType, options.bitDepth);
  const digest = new PixelDigest({
    ...options,
    layout
  });
  return Object.assign(new PngRowEncoder({
    ...options,
    digest
  }), {
    digest
  });
}
function rgbEncoder(size, deflater) {
  const { width, height } = size;
  return hashingEncoder({
    width,
    height,
    bitDepth: 8,
    colourType: 2,
    level: DEFAULT_ZLIB_LEVEL,
    deflater
  });
}
function fileOf(path, encoder2) {
  const bytes = encoder2.end();
  return {
    path,
    bytes,
    pixelSha256: encoder2.digest.hex()
  };
}

// lib/export/_label_masks.ts
var LabelMasks = class {
  #words;
  #labels = new Int32Array(0);
  #labelBytes = new Uint8Array(0);
  #mask = new Int32Array(0);
  #maskBytes = new Uint8Array(0);
  #data = new Uint8Array(0);
  #pixels = 0;
  /** Pixels a row, and which rows of the strip repeat the row above (1), when known. */
  #width = 0;
  #repeats;
  /** Per row of the strip, 256 bytes: 1 at each bChannel the row holds (words mode). */
  #rowSeen = new Uint8Array(0);
  /** The same for the row above the strip's first (the last strip's last row). */
  #aboveSeen = new Uint8Array(256);
  /** Per row of the strip, for the mask asked last: 1 where it repeats the row above. */
  #maskRepeats = new Uint8Array(0);
  /** @param words Whether no label has bChannel 0 (the masks are then made a word at a time). */
  constructor(words) {
    this.#words = words;
  }
  /**
   * Takes a strip of RGB rows, marking in `seen` each bChannel with a red above 0; a row that
   * `repeats` says repeats the row above (but the strip's first) is copied, not read.
   */
  takeStrip(data, seen, count, repeats) {
    const pixels = data.length / 3;
    this.#data = data;
    this.#pixels = pixels;
    this.#width = count === 0 ? 0 : pixels / count;
    this.#repeats = repeats;
    if (this.#mask.length * 4 < pixels) {
      this.#labels = new Int32Array(Math.ceil(pixels / 4));
      this.#labelBytes = new Uint8Array(this.#labels.buffer);
      this.#mask = new Int32Array(this.#labels.length);
      this.#maskBytes = new Uint8Array(this.#mask.buffer);
    }
    if (!this.#words) {
      for (let i = 0; i < data.length; i += 3) if (data[i] !== 0) seen[data[i + 2]] = 1;
      return;
    }
    if (this.#rowSeen.length < count * 256) {
      this.#rowSeen = new Uint8Array(count * 256);
      this.#maskRepeats = new Uint8Array(count);
    }
    const rowSeen = this.#rowSeen;
    this.#rowLabels(data, count, repeats);
    labelsHeld(rowSeen, count, seen);
    this.#labelBytes.fill(0, pixels, Math.ceil(pixels / 4) * 4);
  }
  /** Reads each pixel's label and which labels each row holds, a repeated row copied. */
  #rowLabels(data, count, repeats) {
    const labels = this.#labelBytes;
    const rowSeen = this.#rowSeen;
    const width = this.#width;
    for (let row = 0, p = 0; row < count; row++) {
      const base = row * 256;
      if (row > 0 && repeats?.[row] === 1) {
        labels.copyWithin(p, p - width, p);
        rowSeen.copyWithin(base, base - 256, base);
        p += width;
        continue;
      }
      rowSeen.fill(0, base, base + 256);
      for (let i = p * 3, end = p + width; p < end; i += 3, p++) {
        const label = data[i] === 0 ? 0 : data[i + 2];
        labels[p] = label;
        rowSeen[base + label] = 1;
      }
    }
  }
  /**
   * Ends a strip: its last row's labels are those above the next strip's first row.
   *
   * @param count The strip's rows.
   */
  endStrip(count) {
    if (this.#words && count > 0) {
      this.#aboveSeen.set(this.#rowSeen.subarray((count - 1) * 256, count * 256));
    }
  }
  /**
   * The strip's mask of the label with `bChannel`: 255 on its pixels, 0 elsewhere; and, when
   * known, which rows repeat the row above (valid until the next call).
   */
  of(bChannel) {
    const mask = this.#maskBytes.subarray(0, this.#pixels);
    if (!this.#words) {
      const data = this.#data;
      for (let i = 0, p = 0; i < data.length; i += 3, p++) {
        mask[p] = data[i] !== 0 && data[i + 2] === bChannel ? 255 : 0;
      }
      return {
        mask,
        repeats: this.#repeats
      };
    }
    const end = Math.ceil(this.#pixels / 4);
    const repeats = this.#labelRepeats(bChannel);
    if (this.#width % 4 !== 0) {
      this.#maskWords(bChannel, 0, end);
      return {
        mask,
        repeats
      };
    }
    const rowWords = this.#width / 4;
    const rowSeen = this.#rowSeen;
    for (let row = 0, w = 0; w < end; row++, w += rowWords) {
      if (rowSeen[row * 256 + bChannel] === 0) this.#mask.fill(0, w, w + rowWords);
      else if (row > 0 && this.#repeats?.[row] === 1) {
        this.#mask.copyWithin(w, w - rowWords, w);
      } else this.#maskWords(bChannel, w, w + rowWords);
    }
    return {
      mask,
      repeats
    };
  }
  /** Per row, 1 where the label's mask repeats the row above: the RGB row does, or both lack it. */
  #labelRepeats(bChannel) {
    const count = this.#width === 0 ? 0 : this.#pixels / this.#width;
    const out = this.#maskRepeats.subarray(0, count);
    const rowSeen = this.#rowSeen;
    let above = this.#aboveSeen[bChannel];
    for (let row = 0; row < count; row++) {
      const here = rowSeen[row * 256 + bChannel];
      out[row] = this.#repeats?.[row] === 1 || here === 0 && above === 0 ? 1 : 0;
      above = here;
    }
    return out;
  }
  /** The mask of the label with `bChannel` in the words `[from, to)`, four pixels at a time. */
  #maskWords(bChannel, from, to) {
    const labels = this.#labels;
    const words = this.#mask;
    const repeated = Math.imul(bChannel, 16843009);
    for (let w = from; w < to; w++) {
      const x = labels[w] ^ repeated;
      const t = ((x & 2139062143) + 2139062143 | x) & 2155905152;
      words[w] = Math.imul((~t & 2155905152) >>> 7, 255);
    }
  }
};
function labelsHeld(seen, count, inStrip) {
  if (seen.byteOffset % 4 !== 0) {
    inStrip.fill(0);
    for (let i = 0; i < count * 256; i++) inStrip[i & 255] |= seen[i];
    return;
  }
  const words = new Int32Array(seen.buffer, seen.byteOffset, count * 64);
  const held2 = new Int32Array(64);
  for (let row = 0; row < count * 64; row += 64) {
    for (let w = 0; w < 64; w++) held2[w] |= words[row + w];
  }
  inStrip.set(new Uint8Array(held2.buffer));
}

// lib/export/_binary_renderer.ts
function binaryRenderer(file, table, newEncoder) {
  const masks = new BinaryMasks(table, newEncoder);
  const stem = file.slice(0, -".png".length);
  return {
    takeRows(rows) {
      if (rows.labels && rows.labelMask) masks.takeConverted(rows);
      else masks.takeRgb(rows);
    },
    end(labels) {
      const files = [];
      for (const entry of table.classes) {
        const encoder2 = masks.encoders.get(entry.bChannel);
        if (!labels.includes(entry.id) || encoder2 === void 0) continue;
        files.push(fileOf(`${stem}/${safeFileName(entry.id)}.png`, encoder2));
      }
      masks.close();
      return files;
    },
    close: () => masks.close()
  };
}
var BinaryMasks = class {
  /** By bChannel, the encoder of the label's mask. */
  encoders = /* @__PURE__ */ new Map();
  #table;
  #newEncoder;
  /** The bChannels with a red above 0 in the strip. */
  #inStrip = new Uint8Array(256);
  #masks;
  /**
   * The labels with an encoder, in the order they came, each with its mask's last row written
   * (strips the kernels convert): looped over by index, a strip at a time.
   */
  #started = [];
  constructor(table, newEncoder) {
    this.#table = table;
    this.#newEncoder = newEncoder;
    this.#masks = new LabelMasks(table.labelByBChannel[0] === void 0);
  }
  /** A strip the kernels convert: only which labels it holds is read here. */
  takeConverted(rows) {
    const inStrip = this.#inStrip;
    inStrip.set(rows.labels.held);
    this.#start(rows.first);
    const started = this.#started;
    for (let i = 0; i < started.length; i++) {
      const { bChannel, encoder: encoder2 } = started[i];
      const last = started[i].above ??= new Uint8Array(rows.labels.bytes.length / rows.count);
      if (inStrip[bChannel] === 0) {
        encoder2.writeZeroRows(rows.count);
        last.fill(0);
        continue;
      }
      const converted = rows.labelMask(bChannel, last);
      encoder2.writeScanlines(converted);
      last.set(converted.last);
    }
  }
  /** A strip of RGB rows: each label's mask made here. */
  takeRgb(rows) {
    const inStrip = this.#inStrip;
    inStrip.fill(0);
    this.#masks.takeStrip(rows.data, inStrip, rows.count, rows.repeats);
    this.#start(rows.first);
    for (const [bChannel, encoder2] of this.encoders) {
      if (inStrip[bChannel] === 0) encoder2.writeZeroRows(rows.count);
      else {
        const { mask, repeats } = this.#masks.of(bChannel);
        encoder2.writeRows(mask, repeats);
      }
    }
    this.#masks.endStrip(rows.count);
  }
  /** Gives zlib's state back. */
  close() {
    for (const encoder2 of this.encoders.values()) encoder2.close();
  }
  /** Starts the encoder of each label first seen in the strip from row `first`, zeros above. */
  #start(first) {
    for (let b = 0; b < 256; b++) {
      if (this.#inStrip[b] === 0 || this.encoders.has(b)) continue;
      if (this.#table.labelByBChannel[b] === void 0) continue;
      const encoder2 = this.#newEncoder();
      encoder2.writeZeroRows(first);
      this.encoders.set(b, encoder2);
      this.#started.push({
        bChannel: b,
        encoder: encoder2
      });
    }
  }
};
function safeFileName(id) {
  const safe = id.replace(/[^A-Za-z0-9._-]/g, "_");
  return safe === "" || safe === "." || safe === ".." ? `_${safe}` : safe;
}

// lib/export/_mask_rows_renderer.ts
var GREY_LEVEL = 6;
function maskRowsRenderer(file, size, options) {
  const { width, height } = size;
  const { table } = options;
  const deflater = options.deflater ?? "mask-rows";
  const encoder2 = (bitDepth, palette) => hashingEncoder({
    width,
    height,
    bitDepth,
    colourType: palette ? 3 : 0,
    palette,
    level: GREY_LEVEL,
    deflater
  });
  switch (options.format) {
    case "rgb": {
      const colours = options.colourByBChannel;
      const colourTable = colours && colours.size > 0 ? colourTableOf(colours) : void 0;
      const rgb = rgbEncoder(size);
      return single(file, rgb, (rows) => colourTable ? recolourRows(rows, colourTable) : rows);
    }
    case "class-index":
    case "palette": {
      const palette = options.format === "palette" ? classPalette(table) : void 0;
      return single(file, encoder2(8, palette), indexRows(table.indexByBChannel), 1, true);
    }
    case "instance":
      return single(file, encoder2(16), instanceRows, 2, true);
    case "binary":
      return binaryRenderer(file, table, () => encoder2(8));
    case "panoptic":
      return panopticRenderer(file, size, table, {
        ...options,
        deflater
      });
  }
}
function indexRows(byB) {
  return (rows, target) => {
    for (let i = 0, p = 0; i < rows.length; i += 3, p++) {
      target[p] = rows[i] === 0 ? 0 : byB[rows[i + 2]];
    }
    return target.subarray(0, rows.length / 3);
  };
}
function instanceRows(rows, target) {
  for (let i = 0, p = 0; i < rows.length; i += 3, p += 2) {
    target[p] = 0;
    target[p + 1] = rows[i];
  }
  return target.subarray(0, rows.length / 3 * 2);
}
function rowConversionOf(options) {
  switch (options.format) {
    case "class-index":
    case "palette":
      return {
        kind: "index",
        byBChannel: options.table.indexByBChannel
      };
    case "instance":
      return {
        kind: "instance16"
      };
    case "binary":
      return options.table.labelByBChannel[0] === void 0 ? {
        kind: "labels"
      } : void 0;
    case "panoptic":
      return {
        kind: "panoptic",
        ...panopticTables(options.table, options.stuffClasses ?? [])
      };
    default:
      return void 0;
  }
}
function panopticRenderer(file, size, table, options) {
  const { width } = size;
  const stuffClasses = options.stuffClasses ?? [];
  const found = new PanopticSegments(table, {
    stuffClasses,
    width
  });
  const rgb = rgbEncoder(size, options.deflater);
  const renderer = single(file, rgb, (rows, target, first, repeats) => found.takeRows({
    data: rows,
    first,
    count: rows.length / 3 / width,
    repeats
  }, target));
  return {
    ...renderer,
    takeRows(rows) {
      const runs = rows.converted?.runs;
      if (runs === void 0) return renderer.takeRows(rows);
      found.takeRuns(runs, rows.first, rows.count);
      rgb.writeScanlines(rows.converted);
    },
    segments: () => found.segments()
  };
}
function single(file, encoder2, convert, pixelBytes, takesConverted = false) {
  let target = new Uint8Array(0);
  let last = new Uint8Array(0);
  return {
    takeRows(rows) {
      if (takesConverted && rows.converted) return encoder2.writeScanlines(rows.converted);
      const { data, first, count, repeats } = rows;
      if (target.length < data.length) target = new Uint8Array(data.length);
      if (pixelBytes === void 0 || repeats === void 0 || count === 0) {
        return encoder2.writeRows(convert(data, target, first, repeats), repeats);
      }
      const inRow = data.length / count;
      const outRow = inRow / 3 * pixelBytes;
      if (last.length !== outRow) last = new Uint8Array(outRow);
      for (let row = 0; row < count; ) {
        if (repeats[row] === 1) {
          target.set(row === 0 ? last : target.subarray((row - 1) * outRow, row * outRow), row * outRow);
          row++;
          continue;
        }
        let end = row + 1;
        while (end < count && repeats[end] !== 1) end++;
        const rows2 = data.subarray(row * inRow, end * inRow);
        convert(rows2, target.subarray(row * outRow, end * outRow), first + row);
        row = end;
      }
      last.set(target.subarray((count - 1) * outRow, count * outRow));
      encoder2.writeRows(target.subarray(0, count * outRow), repeats);
    },
    end: () => [
      fileOf(file, encoder2)
    ],
    close: () => encoder2.close()
  };
}

// lib/png/_fast_strips.ts
function rgbStrip(rows, first, count, packed) {
  const { kernels, memory, pixels, width, output } = rows;
  const pack = () => {
    const { at, stride, channels } = pixels;
    kernels.packRgb(at, stride, output, width * 3, count, width, channels);
    return memory.subarray(output, output + count * width * 3);
  };
  if (packed === "now") {
    const differsFrom = rowDifferences(kernels, output, width * 3, width * 3);
    return {
      data: pack(),
      first,
      count,
      differsFrom
    };
  }
  const strip = new PackedLater(first, count, packed === "never" ? void 0 : pack);
  if (packed === "unpacked") strip.unpacked = unpackedRows(kernels, memory, pixels, width);
  return strip;
}
function unpackedRows(kernels, memory, pixels, width) {
  const { at, stride, channels } = pixels;
  const differsFrom = rowDifferences(kernels, at, stride, width * channels);
  return {
    data: memory.subarray(at),
    channels: channels === 4 ? 4 : 3,
    stride,
    differsFrom
  };
}
function rowDifferences(kernels, at, stride, rowBytes) {
  return (row, from) => {
    const p = at + row * stride + from;
    return from + kernels.firstDifferent(p, p - stride, rowBytes - from);
  };
}
var PackedLater = class {
  first;
  count;
  repeats;
  unpacked;
  converted;
  labels;
  labelMask;
  #pack;
  #data;
  constructor(first, count, pack) {
    this.first = first;
    this.count = count;
    this.#pack = pack;
  }
  get data() {
    if (this.#pack === void 0) {
      throw new TypeError("The strip's RGB rows are not kept: only its labels were asked for");
    }
    return this.#data ??= this.#pack();
  }
};

// lib/png/_converted_strip.ts
function unfilterConverted(kernels, memory, layout, strip) {
  const { width, mode, table, scan } = layout;
  const stride = width * bytesPerPixel(mode) + 1;
  if (strip.first === 0) memory.fill(0, scan, scan + stride);
  const { at, count, channels, above, census, sums } = strip;
  const patch = strip.convertedOnly ? 1 : 0;
  const out = scan + stride + 1;
  return kernels.unfilterConvert(at, count, width, channels, above, out, stride, mode, table, census, patch, sums);
}
function convertStrip(kernels, memory, layout, count) {
  const { width, mode, scan, carry, flags } = layout;
  const rowBytes = width * bytesPerPixel(mode);
  const stride = rowBytes + 1;
  const runs = mode === 2 ? kernels.pixelRuns(scan + stride + 1, stride, count, width, layout.runs) : layout.runs;
  const last = scan + count * stride + 1;
  memory.copyWithin(carry, last, last + rowBytes);
  kernels.filterUp(scan, count + 1, rowBytes, flags);
  memory.copyWithin(scan + 1, carry, carry + rowBytes);
  const scanlines = scannedRows(kernels, memory, layout, {
    count,
    rowBytes
  });
  return {
    ...scanlines,
    ...mode === 2 ? {
      runs: new Int32Array(memory.buffer, layout.runs, (runs - layout.runs) / 4)
    } : {}
  };
}
function scannedRows(kernels, memory, layout, rows) {
  const { scan, flags, form } = layout;
  const { count, rowBytes } = rows;
  const stride = rowBytes + 1;
  const ptr = scan + stride + 1;
  const end = rows.formEnd ?? writeForm(kernels, {
    ptr,
    stride,
    count,
    rowBytes,
    above: -1,
    flags,
    out: form
  });
  return {
    scanlines: memory.subarray(scan + stride, scan + (count + 1) * stride),
    stride,
    count,
    flags: memory.subarray(flags, flags + count),
    form: memory.subarray(form, end),
    last: memory.subarray(scan + 1, scan + 1 + rowBytes),
    skipZeros: (bytes, from, to) => {
      const at = bytes.byteOffset;
      return kernels.skipZeros(at + from, at + to) - at;
    }
  };
}
function bytesPerPixel(mode) {
  return mode === 2 ? 3 : mode + 1;
}

// lib/png/_label_strip.ts
function unfilterLabels(kernels, layout, strip) {
  const { width, labels, same, vectorList } = layout;
  const { count, at, channels, census, above, sums } = strip;
  const patch = strip.convertedOnly ? 1 : 0;
  return kernels.unfilterLabels(at, count, width, channels, above, labels, same, vectorList, census, patch, sums);
}
var LabelStrips = class {
  #kernels;
  #memory;
  #layout;
  #words;
  /** The runs of the last mask made: where each run of bytes that are not zeros starts and ends. */
  #runs = {
    next: 0,
    end: 0
  };
  /** The strip's rows. */
  #count = 0;
  #labels;
  #rows;
  /**
   * @param kernels The kernels.
   * @param memory Their memory.
   * @param layout Where the buffers are.
   */
  constructor(kernels, memory, layout) {
    this.#kernels = kernels;
    this.#memory = memory;
    this.#layout = layout;
    this.#words = new Int32Array(memory.buffer, 0, memory.buffer.byteLength >> 2);
  }
  /**
   * The labels of the strip just read: a byte a pixel, which labels the strip holds and, when
   * first asked, which labels each row holds.
   *
   * @param count The strip's rows.
   * @returns The labels, views of the memory.
   */
  take(count) {
    const { width, labels, seen, vectorList } = this.#layout;
    this.#kernels.heldLabels(labels, count, width, vectorList, seen + count * 256);
    if (count !== this.#count) {
      this.#count = count;
      this.#labels = new StripLabels(this.#kernels, this.#memory, this.#layout, count);
      this.#rows = void 0;
    } else this.#labels.forget();
    return this.#labels;
  }
  /**
   * The mask of one of the strip's labels, as `RgbRows.labelMask` gives it: 255 where the pixel's
   * label is `label`, else 0, Up-filtered under `above` (the row written above). Each call's
   * rows replace the last's, in the same object (a `binary` mask asks for about five labels'
   * masks a strip).
   */
  labelMask = (label, above) => {
    const layout = this.#layout;
    const count = this.#count;
    const end = maskScanlines(this.#kernels, this.#memory, layout, {
      label,
      above,
      count
    });
    const formEnd = this.#words[layout.ends >> 2];
    this.#runs.next = layout.runs >> 2;
    this.#runs.end = end >> 2;
    const rowBytes = layout.width;
    const rows = this.#rows ??= {
      ...scannedRows(this.#kernels, this.#memory, layout, {
        count,
        rowBytes,
        formEnd
      }),
      skipZeros: this.#skipZeros
    };
    rows.form = this.#memory.subarray(layout.form, formEnd);
    return rows;
  };
  /** The deflater skips the zeros between the mask's runs in one call, not one call a run. */
  #skipZeros = (bytes, from, to) => {
    const at = bytes.byteOffset;
    const words = this.#words;
    const runs = this.#runs;
    while (runs.next < runs.end && words[runs.next] < at + from) runs.next += 2;
    return runs.next < runs.end ? Math.min(words[runs.next] - at, to) : to;
  };
};
var StripLabels = class {
  bytes;
  held;
  #seen;
  #mark;
  constructor(kernels, memory, layout, count) {
    const { width, labels, seen, same } = layout;
    const held2 = seen + count * 256;
    this.bytes = memory.subarray(labels, labels + count * width);
    this.held = memory.subarray(held2, held2 + 256);
    this.#mark = () => {
      kernels.rowBytesSeen(labels, count, width, seen, same);
      return memory.subarray(seen, seen + count * 256);
    };
  }
  get seen() {
    return this.#seen ??= this.#mark();
  }
  /** A new strip of as many rows: its rows' labels are marked again when asked. */
  forget() {
    this.#seen = void 0;
  }
};
function maskScanlines(kernels, memory, layout, mask) {
  const { width, scan, flags } = layout;
  const { above } = mask;
  memory.set(above.length === width ? above : above.subarray(0, width), scan + 1);
  const stride = width + 1;
  return kernels.labelScanlines(layout.labels, mask.count, width, mask.label, scan + 1, scan + stride, stride, flags, layout.same, layout.runs, layout.form, layout.ends, layout.vectorList);
}
function clearLabelScanlines(memory, layout, rows) {
  const stride = layout.width + 1;
  memory.fill(0, layout.scan, layout.scan + (rows + 1) * stride);
  new Int32Array(memory.buffer, layout.ends, 1)[0] = layout.form;
}

// lib/png/_fast_rows.ts
var STRIP_BYTES3 = 256 * 1024;
function readFastRows(png, onRows, options = {}) {
  const { header } = png;
  refuseSlowFlavour(header);
  const { width } = header;
  const convert = options.convert;
  const mode = convert?.kind === "instance16" ? 1 : convert?.kind === "panoptic" ? 2 : 0;
  const layout = rowsLayout(header, options.stripRows, mode, convert?.kind === "labels");
  const { channels, inRow, rows, tables, input, output, conversion, end } = layout;
  const inStride = inRow + 1;
  const repeats = new Uint8Array(rows);
  let blackAbove = true;
  const labelled = convert?.kind === "labels";
  const census = options.census === false ? 0 : tables;
  const packing = packingOf(options);
  return withKernels(end, (kernels, memory) => {
    prepareMemory(memory, layout, convert);
    const labels = labelled ? new LabelStrips(kernels, memory, conversion) : void 0;
    inflatePngStrips(png, {
      rows,
      window: memory.subarray(input + inStride, input + (rows + 1) * inStride),
      adler: kernelAdler(kernels, memory),
      sumsStrips: true,
      onStrip(first, count, check) {
        const at = input + inStride;
        const scanlines = {
          at,
          stride: inStride,
          count
        };
        if (!labelled) blackAbove = markRepeats(kernels, memory, scanlines, repeats, blackAbove);
        const strip = {
          first,
          count,
          census,
          convert,
          check
        };
        const bad = unfilterStrip(kernels, memory, layout, strip);
        if (bad >= 0) {
          return invalidFilterError(memory[input + (bad + 1) * inStride], first + bad, 0);
        }
        const pixels = {
          at: at + 1,
          stride: inStride,
          channels
        };
        const rgb = rgbStrip({
          kernels,
          memory,
          pixels,
          width,
          output
        }, first, count, packing);
        if (!labelled) rgb.repeats = repeats.subarray(0, count);
        if (convert) {
          addConversion(rgb, labels, () => convertStrip(kernels, memory, conversion, count));
        }
        onRows(rgb);
        memory.copyWithin(input, input + count * inStride, input + (count + 1) * inStride);
        return void 0;
      }
    });
    return readCensus(memory, tables);
  });
}
function unfilterStrip(kernels, memory, layout, strip) {
  const { inRow, channels, input, zero, conversion, sums } = layout;
  const { first, count, census, convert, check } = strip;
  const inStride = inRow + 1;
  const at = input + inStride;
  const above = first === 0 ? zero : input + 1;
  const convertedOnly = convert?.convertedOnly === true;
  return carryCheck(kernels, memory, {
    at,
    stride: inStride,
    count,
    word: sums
  }, check, (sums2) => {
    const unfiltered = {
      at,
      count,
      channels,
      census,
      above,
      convertedOnly,
      sums: sums2
    };
    return convert?.kind === "labels" ? unfilterLabels(kernels, conversion, unfiltered) : convert ? unfilterConverted(kernels, memory, conversion, {
      ...unfiltered,
      first
    }) : kernels.unfilter(at, count, inRow, channels, above, census, sums2);
  });
}
function prepareMemory(memory, layout, convert) {
  const { zero, inRow, input, conversion, rows, tables } = layout;
  memory.fill(0, zero, zero + inRow);
  memory.fill(0, input, input + inRow + 1);
  setTables(memory, conversion.table, convert);
  if (convert?.kind === "labels") clearLabelScanlines(memory, conversion, rows);
  clearCensus(memory, tables);
}
function packingOf(options) {
  const { convert } = options;
  if (convert?.convertedOnly === true) return "never";
  return convert ? "asked" : options.unpacked ? "unpacked" : "now";
}
function refuseSlowFlavour(header) {
  if (isFastFlavour(header)) return;
  throw new RangeError(`readFastRows() reads 8-bit RGB or RGBA PNGs without interlacing, not colour type ${header.colourType} at ${header.bitDepth} bits${header.interlaced ? ", interlaced" : ""}`);
}
function setTables(memory, table, convert) {
  if (convert?.kind === "index") memory.set(convert.byBChannel.subarray(0, 256), table);
  else if (convert?.kind === "panoptic") {
    memory.set(convert.classOfB.subarray(0, 256), table);
    memory.set(convert.stuff.subarray(0, 256), table + 256);
  }
}
function addConversion(strip, labels, converted) {
  if (labels === void 0) strip.converted = converted();
  else {
    strip.labels = labels.take(strip.count);
    strip.labelMask = labels.labelMask;
  }
}
function rowsLayout(header, stripRows, mode, labelled) {
  const { width, height } = header;
  const channels = header.colourType === 6 ? 4 : 3;
  const inRow = width * channels;
  const outRow = width * 3;
  const rows = Math.max(1, Math.min(height, stripRows ?? Math.floor(STRIP_BYTES3 / (inRow + 1))));
  const zero = 0;
  const tables = align16(zero + inRow + SLACK);
  const input = align16(tables + CENSUS_BYTES);
  const output = align16(input + (rows + 1) * (inRow + 1) + SLACK);
  const rowBytes = width * bytesPerPixel(mode);
  const table = align16(output + rows * outRow + SLACK);
  const scan = align16(table + 512 + SLACK);
  const carry = align16(scan + (rows + 1) * (rowBytes + 1) + SLACK);
  const flags = align16(carry + rowBytes + SLACK);
  const form = align16(flags + rows + SLACK);
  const labels = align16(form + pixelFormBound(rows, rowBytes) + SLACK);
  const seen = align16(labels + rows * width + SLACK);
  const same = align16(seen + (rows + 1) * 256 + SLACK);
  const runs = align16(same + rows + SLACK);
  const runBytes = mode === 2 ? rows * (4 + width * 8) : labelled ? rows * (rowBytes + 2) * 4 : 0;
  const ends = align16(runs + runBytes + SLACK);
  const vectorList = align16(ends + 4 + SLACK);
  const sums = align16(vectorList + (labelled ? rows * 4 * (1 + (width >> 4)) : 0) + SLACK);
  const end = sums + 4 + SLACK;
  const conversion = {
    width,
    mode,
    table,
    scan,
    carry,
    flags,
    form,
    labels,
    seen,
    same,
    runs,
    ends,
    vectorList
  };
  return {
    channels,
    inRow,
    outRow,
    rows,
    zero,
    tables,
    input,
    output,
    conversion,
    sums,
    end
  };
}
function markRepeats(kernels, memory, scanlines, repeats, blackAbove) {
  const { at, stride, count } = scanlines;
  for (let row = 0, p = at; row < count; row++, p += stride) {
    const filter = memory[p];
    const zeros = kernels.skipZeros(p + 1, p + stride) === p + stride;
    const black = zeros && (filter <= 1 || blackAbove);
    repeats[row] = zeros && filter === 2 || black && blackAbove ? 1 : 0;
    blackAbove = black;
  }
  return blackAbove;
}

// lib/png/mask_rows.ts
function openMaskRows(bytes, options = {}) {
  const png = checkPng(bytes, options.maxPixels);
  const { width, height } = png.header;
  const general = options.generalDecoder || !isFastFlavour(png.header);
  return {
    width,
    height,
    warnings: png.warnings,
    read: (onRows) => general ? readCountedRows(png, onRows, options.census ?? true) : readFastRows(png, onRows, options)
  };
}
function readCountedRows(png, onRows, counted) {
  const census = emptyCensus();
  readPngRows(png, (rows) => {
    if (counted) addToCensus(census, rows.data);
    onRows(rows);
  });
  return census;
}

// lib/report/colour_thumbnail.ts
var BACKGROUND_COLOUR = [
  48,
  48,
  52
];
var UNKNOWN_COLOUR = [
  255,
  255,
  255
];
function colourThumbnail(samples, table) {
  const { width, height, codes } = samples;
  const unknown = Math.max(0, ...table.classes.map((entry) => entry.index)) + 1;
  const palette = new Uint8Array((unknown + 1) * 3);
  palette.set(BACKGROUND_COLOUR, 0);
  for (const entry of table.classes) palette.set(entry.colour, entry.index * 3);
  palette.set(UNKNOWN_COLOUR, unknown * 3);
  const indexByCode = new Uint8Array(257);
  for (let b = 0; b < 256; b++) {
    const index = table.indexByBChannel[b];
    indexByCode[b + 1] = table.labelByBChannel[b] === void 0 ? unknown : index;
  }
  const data = new Uint8Array(codes.length);
  const counts = new Uint32Array(unknown + 1);
  for (let i = 0; i < codes.length; i++) {
    const index = indexByCode[codes[i]];
    data[i] = index;
    counts[index]++;
  }
  const samplesByLabel = {};
  for (const entry of table.classes) {
    if (counts[entry.index] > 0) samplesByLabel[entry.id] = counts[entry.index];
  }
  return {
    width,
    height,
    data,
    palette,
    labelled: codes.length - counts[0],
    samplesByLabel
  };
}

// lib/report/mask_preview.ts
function maskPreview(samples, table) {
  const { width, height, data, palette, labelled, samplesByLabel } = colourThumbnail(samples, table);
  const png = pngFileSync({
    width,
    height,
    bitDepth: 8,
    colourType: 3,
    samples: data,
    bytesPerPixel: 1,
    palette,
    level: 6,
    filter: "none"
  });
  return {
    png,
    samples: data.length,
    labelled,
    samplesByLabel
  };
}

// lib/_release_bytes.ts
function releaseBytes(bytes) {
  if (!ArrayBuffer.isView(bytes) || bytes instanceof DataView) return;
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.detached) return;
  if (bytes.byteLength === buffer.byteLength) buffer.transfer(0);
}

// lib/export/_mask_job.ts
import { createHash as createHash2 } from "node:crypto";
async function runMaskJob(job, options = {}) {
  const { table } = job;
  if (job.mask.kind === "png" && job.format === "rgb") {
    let digest;
    let tally;
    const { png, width, height: height2, census, samples, warnings } = await transcodeMask(job.mask.bytes, {
      colourByBChannel: job.colourByBChannel,
      maxPixels: job.maxPixels,
      census: true,
      thumbnailSide: job.preview ? THUMBNAIL_SIDE : void 0,
      digest: (size) => digest = new PixelDigest({
        ...size,
        layout: "rgb8"
      }),
      pixels: (size) => tally = tallyOf(job, size.width)
    });
    const files = hashed([
      {
        path: job.file,
        bytes: png,
        pixelSha256: digest?.hex()
      }
    ]);
    const preview = samples && maskPreview(samples, table);
    const labelPixels = tally && labelPixelsOf(tally, table);
    const stats = statsOfCensus(census, table);
    return withWarning({
      files,
      width,
      height: height2,
      stats,
      preview,
      ...labelPixels ? {
        labelPixels
      } : {}
    }, job.mask.image, warnings);
  }
  if (job.mask.kind === "png") {
    const rows = openMaskRows(job.mask.bytes, {
      maxPixels: job.maxPixels,
      generalDecoder: options.generalDecoder,
      convert: conversionOf(job)
    });
    const { width, height: height2 } = rows;
    const rendered2 = renderStrips(job, {
      width,
      height: height2
    }, (onRows) => rows.read(onRows));
    return withWarning(rendered2, job.mask.image, rows.warnings);
  }
  let warning;
  const image = await decodeTaskMask(job, (text) => warning = text);
  const { height, data } = image;
  const rendered = renderStrips(job, image, (onRows) => {
    const census = emptyCensus();
    addToCensus(census, data);
    onRows({
      data,
      first: 0,
      count: height
    });
    return census;
  });
  releaseBytes(data);
  return warning === void 0 ? rendered : {
    ...rendered,
    warning
  };
}
function conversionOf(job) {
  const convert = rowConversionOf(job);
  const rowsRead = job.preview === true || job.tallyPixels === true;
  return convert && !rowsRead ? {
    ...convert,
    convertedOnly: true
  } : convert;
}
function withWarning(rendered, image, pngWarnings) {
  const warnings = [
    ...pngWarnings,
    imageSizeWarning(rendered, image)
  ].filter((text) => !!text);
  return warnings.length === 0 ? rendered : {
    ...rendered,
    warning: warnings.join("; ")
  };
}
function renderStrips(job, size, readRows) {
  const { width, height } = size;
  const sampler = job.preview ? new MaskSampler(width, height) : void 0;
  const tally = tallyOf(job, width);
  const renderer = maskRowsRenderer(job.file, size, job);
  try {
    const census = readRows((rows) => {
      sampler?.takeRows(rows.data, 0, width * 3, rows.first, rows.count, 3);
      tally?.update(rows.data.subarray(0, rows.count * width * 3));
      renderer.takeRows(rows);
    });
    const stats = statsOfCensus(census, job.table);
    const files = hashed(renderer.end(stats.labels));
    const preview = sampler && maskPreview(sampler.samples(), job.table);
    const segments = renderer.segments?.();
    const labelPixels = tally && labelPixelsOf(tally, job.table);
    return {
      files,
      width,
      height,
      stats,
      preview,
      ...segments ? {
        segments
      } : {},
      ...labelPixels ? {
        labelPixels
      } : {}
    };
  } finally {
    renderer.close();
  }
}
var fileHasher = new Sha256();
var SMALL_FILE = 4 * 1024;
function sha256(bytes) {
  if (bytes.length <= SMALL_FILE) return fileHasher.update(bytes).digestHex();
  return createHash2("sha256").update(bytes).digest("hex");
}
function tallyOf(job, width) {
  return job.tallyPixels && job.colourByBChannel === void 0 ? new BChannelTally(width) : void 0;
}
function labelPixelsOf(tally, table) {
  const pixels = {};
  for (const { id, bChannel } of table.classes) {
    const count = tally.counts[bChannel];
    if (count > 0 && table.labelByBChannel[bChannel] === id) pixels[id] = count;
  }
  return pixels;
}
function hashed(files) {
  return files.map(({ path, bytes, pixelSha256 }) => {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return {
      path,
      bytes: own,
      sha256: sha256(own),
      pixelSha256
    };
  });
}

// lib/formats/_instance_scan_checks.ts
var MOST_PIXELS = 2 ** 31 - 1;
var SIDE2 = wholeNumber(1, MOST_PIXELS);
var CLASS_TABLE = {
  expects: "a list of 256 classes, one for each blue value",
  is: (value) => typeof value === "object" && value !== null && typeof value.length === "number",
  inRange: (value) => value.length >= 256
};
function checkScanSize(width, height, classOfBChannel) {
  checkArgumentType(width, "width", SIDE2);
  checkArgumentType(height, "height", SIDE2);
  if (width * height > MOST_PIXELS) {
    throw new RangeError(`a mask of ${width}\xD7${height} has more than ${MOST_PIXELS} pixels, which its runs cannot count`);
  }
  checkArgumentType(classOfBChannel, "classOfBChannel", CLASS_TABLE);
}
function checkInstanceRows(rows, width, rowsLeft, before) {
  const { data, count, channels = 3 } = rows;
  if (!(data instanceof Uint8Array)) {
    throw new TypeError("rows.data must be a Uint8Array of the rows' RGB bytes");
  }
  if (!(Number.isInteger(count) && count >= 0 && count <= rowsLeft)) {
    throw new RangeError(`rows.count must be a whole number from 0 to ${rowsLeft}; got ${count}`);
  }
  if (channels !== 3 && channels !== 4 || before.channels !== 0 && channels !== before.channels) {
    const expected = before.channels === 0 ? "3 or 4" : `${before.channels}, as the strips before`;
    throw new RangeError(`rows.channels must be ${expected}; got ${channels}`);
  }
  const rowBytes = width * channels;
  const stride = rows.stride ?? rowBytes;
  if (!(Number.isInteger(stride) && stride >= rowBytes)) {
    throw new RangeError(`rows.stride must be a whole number from ${rowBytes}; got ${stride}`);
  }
  const needed = count === 0 ? 0 : (count - 1) * stride + rowBytes;
  if (data.length < needed) {
    throw new RangeError(`rows.data holds ${data.length} bytes, fewer than ${count} rows of ${rowBytes}` + (stride === rowBytes ? "" : ` bytes ${stride} apart (${needed})`));
  }
  return {
    channels,
    stride
  };
}

// lib/formats/coco_rle.ts
function cocoRleString(counts) {
  let text = "";
  for (let i = 0; i < counts.length; i++) {
    let value = counts[i];
    if (!(Number.isInteger(value) && value >= 0 && value <= MOST_PIXELS)) {
      throw new RangeError(`counts[${i}] must be a whole number from 0 to ${MOST_PIXELS}; got ${String(value)}`);
    }
    if (i > 2) value -= counts[i - 2];
    for (let more = true; more; ) {
      let group = value & 31;
      value >>= 5;
      more = group & 16 ? value !== -1 : value !== 0;
      if (more) group |= 32;
      text += String.fromCharCode(group + 48);
    }
  }
  return text;
}

// lib/formats/_column_runs.ts
var ColumnRuns = class _ColumnRuns {
  /** Each run's column, from the box's left. */
  column;
  /** Each run's first row, from the box's top. */
  first;
  /** Each run's row after its last. */
  end;
  /** How many runs there are. */
  count = 0;
  /** The box's size. */
  width;
  height;
  /** The first run of each column, and after the last column the run count; made when asked. */
  #columnStart;
  constructor(capacity, box) {
    this.column = new Int32Array(capacity);
    this.first = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.width = box.width;
    this.height = box.height;
  }
  /**
   * Room for `capacity` runs within a box, none yet: a maker that knows its runs writes them into
   * `column`, `first` and `end`, column by column, each top to bottom, and sets `count`.
   */
  static sized(capacity, box) {
    return new _ColumnRuns(capacity, box);
  }
  /** The runs of a box-sized bitmap (1 inside), column by column. */
  static ofBitmap(inside, box) {
    const runs = new _ColumnRuns(64, box);
    const { width, height } = box;
    for (let x = 0; x < width; x++) {
      for (let y = 0; y < height; y++) {
        if (inside[y * width + x] !== 1) continue;
        const first = y;
        while (y < height && inside[y * width + x] === 1) y++;
        runs.#add(x, first, y);
      }
    }
    return runs;
  }
  /**
   * The runs of a column-major RLE (run lengths from a run of 0s, down each column of an image
   * `imageHeight` high, then on from the top of the next) within the box.
   */
  static of(counts, imageHeight, box) {
    const runs = new _ColumnRuns(Math.max(16, counts.length), box);
    const { left, top, width, height } = box;
    const firstPixel = left * imageHeight;
    const endPixel = (left + width) * imageHeight;
    let position = 0;
    for (let i = 0; i < counts.length; i++) {
      const from = Math.max(position, firstPixel);
      const to = Math.min(position + counts[i], endPixel);
      position += counts[i];
      if (i % 2 === 0 || from >= to) continue;
      for (let at = from; at < to; ) {
        const column = Math.floor(at / imageHeight);
        const stop = Math.min(to, (column + 1) * imageHeight);
        const y0 = Math.max(at - column * imageHeight, top);
        const y1 = Math.min(stop - column * imageHeight, top + height);
        if (y0 < y1) runs.#add(column - left, y0 - top, y1 - top);
        at = stop;
      }
    }
    return runs;
  }
  #add(column, first, end) {
    if (this.count === this.column.length) {
      const grow = (old) => {
        const grown = new Int32Array(old.length * 2);
        grown.set(old);
        return grown;
      };
      [this.column, this.first, this.end] = [
        grow(this.column),
        grow(this.first),
        grow(this.end)
      ];
    }
    this.column[this.count] = column;
    this.first[this.count] = first;
    this.end[this.count] = end;
    this.count++;
  }
  /** Whether pixel `(x, y)` of the box is one of the runs'; outside the box, none is. */
  has(x, y) {
    if (x < 0 || x >= this.width || y < 0) return false;
    const start = this.#columnStart ??= this.#columnStarts();
    for (let r = start[x], end = start[x + 1]; r < end; r++) {
      if (y < this.first[r]) return false;
      if (y < this.end[r]) return true;
    }
    return false;
  }
  /** The run whose first pixel is `(x, y)`, or -1. */
  startingAt(x, y) {
    const start = this.#columnStart ??= this.#columnStarts();
    for (let r = start[x], end = start[x + 1]; r < end; r++) if (this.first[r] === y) return r;
    return -1;
  }
  #columnStarts() {
    const start = new Int32Array(this.width + 1);
    for (let r = 0; r < this.count; r++) start[this.column[r] + 1]++;
    for (let x = 0; x < this.width; x++) start[x + 1] += start[x];
    return start;
  }
  /** The runs in the order their first pixels come row by row (row, then column). */
  inRowOrder() {
    const height = this.height;
    const atRow = new Int32Array(height + 1);
    for (let r = 0; r < this.count; r++) atRow[this.first[r] + 1]++;
    for (let y = 0; y < height; y++) atRow[y + 1] += atRow[y];
    const order = new Int32Array(this.count);
    for (let r = 0; r < this.count; r++) order[atRow[this.first[r]]++] = r;
    return order;
  }
  /** Each run's 8-connected part, as the number of one run of the part. */
  parts() {
    const parent = new Int32Array(this.count);
    for (let r = 0; r < this.count; r++) parent[r] = r;
    const root = (r) => {
      while (parent[r] !== r) r = parent[r] = parent[parent[r]];
      return r;
    };
    let a = 0;
    let b = 0;
    while (a < this.count) {
      const column = this.column[a];
      while (b < this.count && this.column[b] <= column) b++;
      const nextColumn = b;
      for (; a < this.count && this.column[a] === column; a++) {
        for (let c = nextColumn; c < this.count && this.column[c] === column + 1; c++) {
          if (this.first[c] > this.end[a]) break;
          if (this.end[c] < this.first[a]) continue;
          const [x, y] = [
            root(a),
            root(c)
          ];
          if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
        }
      }
    }
    for (let r = 0; r < this.count; r++) parent[r] = root(r);
    return parent;
  }
};

// lib/formats/_instance_segments.ts
function byInstance(instances) {
  return instances.sort((a, b) => a.instanceId - b.instanceId || a.classIndex - b.classIndex);
}
var Segments = class {
  slot = new Uint16Array(1024);
  x = new Int32Array(1024);
  y = new Int32Array(1024);
  length = new Int32Array(1024);
  size = 0;
  push(slot, x, y, length) {
    if (this.size === this.slot.length) this.#grow();
    const i = this.size++;
    this.slot[i] = slot, this.x[i] = x, this.y[i] = y, this.length[i] = length;
  }
  #grow() {
    const grown = (old) => {
      const bigger = new old.constructor(old.length * 2);
      bigger.set(old);
      return bigger;
    };
    this.slot = grown(this.slot), this.x = grown(this.x);
    this.y = grown(this.y), this.length = grown(this.length);
  }
  /** The runs in column-major order (counting sort on the column), cut into each instance's. */
  instances(found, width, height) {
    const { slot, x, y, length } = this;
    const order = this.#columnOrder(width);
    const total = width * height;
    const sizes = this.#countsSizes(order, found.length, height, total);
    const instances = found.map((one, s) => ({
      ...one,
      counts: new Array(sizes[s]),
      area: 0,
      bbox: [
        Infinity,
        Infinity,
        -Infinity,
        -Infinity
      ]
    }));
    const lastEnd = new Float64Array(instances.length);
    const filled = new Int32Array(instances.length);
    for (const i of order) {
      const s = slot[i] - 1;
      const instance2 = instances[s];
      const start = x[i] * height + y[i];
      const { counts, bbox } = instance2;
      if (start === lastEnd[s] && filled[s] > 0) counts[filled[s] - 1] += length[i];
      else {
        counts[filled[s]++] = start - lastEnd[s];
        counts[filled[s]++] = length[i];
      }
      lastEnd[s] = start + length[i];
      instance2.area += length[i];
      bbox[0] = Math.min(bbox[0], x[i]), bbox[1] = Math.min(bbox[1], y[i]);
      bbox[2] = Math.max(bbox[2], x[i]), bbox[3] = Math.max(bbox[3], y[i] + length[i] - 1);
    }
    for (const [s, instance2] of instances.entries()) {
      if (lastEnd[s] < total) instance2.counts[filled[s]++] = total - lastEnd[s];
      const [minX, minY, maxX, maxY] = instance2.bbox;
      instance2.bbox = [
        minX,
        minY,
        maxX - minX + 1,
        maxY - minY + 1
      ];
    }
    return instances;
  }
  /**
   * Each instance's runs down the columns of its box, with its area and box, in the order of
   * `found`: what tracing reads, without run lengths over the whole image made and read again.
   */
  columnRuns(found, width) {
    const { slot, x, y, length, size } = this;
    const n = found.length;
    const runCount = new Int32Array(n);
    const area = new Float64Array(n);
    const left = new Int32Array(n).fill(2147483647);
    const top = new Int32Array(n).fill(2147483647);
    const right = new Int32Array(n);
    const bottom = new Int32Array(n);
    for (let i = 0; i < size; i++) {
      const s = slot[i] - 1;
      runCount[s]++;
      area[s] += length[i];
      left[s] = Math.min(left[s], x[i]);
      top[s] = Math.min(top[s], y[i]);
      right[s] = Math.max(right[s], x[i] + 1);
      bottom[s] = Math.max(bottom[s], y[i] + length[i]);
    }
    const runsOf = [];
    const instances = [];
    for (let s = 0; s < n; s++) {
      const [w, h] = [
        right[s] - left[s],
        bottom[s] - top[s]
      ];
      const runs = ColumnRuns.sized(runCount[s], {
        left: left[s],
        top: top[s],
        width: w,
        height: h
      });
      runs.count = runCount[s];
      runsOf.push(runs);
      const { instanceId, classIndex } = found[s];
      instances.push({
        instanceId,
        classIndex,
        area: area[s],
        bbox: [
          left[s],
          top[s],
          w,
          h
        ],
        runs
      });
    }
    const filled = new Int32Array(n);
    const order = this.#columnOrder(width);
    for (let o = 0; o < size; o++) {
      const i = order[o];
      const s = slot[i] - 1;
      const runs = runsOf[s];
      const k = filled[s]++;
      runs.column[k] = x[i] - left[s];
      runs.first[k] = y[i] - top[s];
      runs.end[k] = y[i] + length[i] - top[s];
    }
    return instances;
  }
  /** The runs' indices in column-major order: a counting sort on the column keeps row order. */
  #columnOrder(width) {
    const { x, size } = this;
    const starts = new Int32Array(width + 1);
    for (let i = 0; i < size; i++) starts[x[i] + 1]++;
    for (let column = 0; column < width; column++) starts[column + 1] += starts[column];
    const order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[starts[x[i]]++] = i;
    return order;
  }
  /** How many run lengths each instance's counts hold, as `instances` writes them. */
  #countsSizes(order, count, height, total) {
    const { slot, x, y, length } = this;
    const sizes = new Int32Array(count);
    const lastEnd = new Float64Array(count);
    for (const i of order) {
      const s = slot[i] - 1;
      const start = x[i] * height + y[i];
      if (start !== lastEnd[s] || sizes[s] === 0) sizes[s] += 2;
      lastEnd[s] = start + length[i];
    }
    for (let s = 0; s < sizes.length; s++) if (lastEnd[s] < total) sizes[s]++;
    return sizes;
  }
};

// lib/formats/_instance_row_scan.ts
var SLOT_TABLES = [];
var KEPT_TABLES = 2;
function paddedRow(bytes) {
  const row = new Uint8Array(bytes);
  return {
    bytes: row,
    base: 0,
    words: new Int32Array(row.buffer)
  };
}
var InstanceRowScan = class {
  #width;
  #height;
  #classOfBChannel;
  /** Bytes a pixel of the rows, from the first strip (0 before it). */
  #channels = 0;
  /** Slot + 1 of each `(R << 8) | B`, 0 for none, -1 not seen yet. */
  #slotOfPixel = SLOT_TABLES.pop() ?? new Int32Array(65536).fill(-1);
  /** The keys set in `#slotOfPixel`, cleared when the scan ends and the table is let go. */
  #keysSeen = [];
  /** What `end` gave, once asked. */
  #ended;
  #slotOfKey = /* @__PURE__ */ new Map();
  #found = [];
  /** The row above (the strip before's last) and a row, padded to whole 32-bit words. */
  #above;
  #row;
  /** The row being scanned: where its bytes are. */
  #bytes;
  #base = 0;
  /** Each column's instance (slot + 1) in the row above, and the row its run began at. */
  #slotAbove;
  #runStart;
  #segments = new Segments();
  #y = 0;
  /**
   * Prepares a scan.
   *
   * @param width The mask's width in pixels.
   * @param height The mask's height in pixels.
   * @param classOfBChannel The class (1..) of each blue value 0..255, 0 for none: such pixels
   * belong to no instance.
   * @throws {RangeError} when a side is not a whole number from 1, the mask has more than
   * 2^31 - 1 pixels, or the class table fewer than 256 entries.
   */
  constructor(width, height, classOfBChannel) {
    checkScanSize(width, height, classOfBChannel);
    this.#width = width;
    this.#height = height;
    this.#classOfBChannel = classOfBChannel;
    this.#above = this.#row = paddedRow(0);
    this.#bytes = this.#row.bytes;
    this.#slotAbove = new Uint16Array(width);
    this.#runStart = new Int32Array(width);
  }
  /**
   * Takes the next rows, top to bottom.
   *
   * @param rows The rows: `count` rows of `width * channels` bytes from row `first`.
   * @throws {RangeError} when they are fewer bytes than their rows, more rows than are left, or
   * of other bytes a pixel than 3 or 4 or than the strips before.
   */
  takeRows(rows) {
    if (this.#ended) throw new TypeError("the scan has ended: it takes no more rows");
    const { channels, stride } = checkInstanceRows(rows, this.#width, this.#height - this.#y, {
      channels: this.#channels
    });
    if (this.#channels === 0) this.#firstStrip(channels);
    const rowBytes = this.#width * channels;
    const { data, count } = rows;
    const words = data.byteOffset % 4 === 0 && rowBytes % 4 === 0 && stride === rowBytes ? new Int32Array(data.buffer, data.byteOffset, count * rowBytes >> 2) : void 0;
    const row = words && {
      bytes: data,
      base: 0,
      words
    };
    let read = -1;
    for (let r = 0; r < count; r++) {
      if (rows.repeats?.[r] === 1) {
        this.#y++;
        continue;
      }
      if (rows.differsFrom !== void 0 && (r > 0 || rows.firstDiffers === true)) {
        this.#scanDifferences(data, r, stride, rows.differsFrom);
      } else if (row !== void 0 && read >= 0) {
        row.base = r * rowBytes;
        this.#scanRow(row, row.words, read * rowBytes);
      } else {
        this.#row.bytes.set(data.subarray(r * stride, r * stride + rowBytes));
        this.#scanRow(this.#row, this.#above.words, 0);
        [this.#above, this.#row] = [
          this.#row,
          this.#above
        ];
      }
      read = r;
      this.#y++;
    }
    if (read >= 0) this.#above.bytes.set(data.subarray(read * stride, read * stride + rowBytes));
  }
  /** The rows' bytes a pixel, known from the first strip: the rows' buffers are made for them. */
  #firstStrip(channels) {
    const padded = Math.ceil(this.#width * channels / 4) * 4;
    this.#above = paddedRow(padded);
    this.#row = paddedRow(padded);
    this.#channels = channels;
  }
  /**
   * Ends the scan: the runs still open at the foot of the mask end there. Asked again, the same.
   *
   * @returns The vertical runs found, and the instances their slots are.
   */
  end() {
    if (this.#ended) return this.#ended;
    const height = this.#height;
    for (let x = 0; x < this.#width; x++) {
      const slot = this.#slotAbove[x];
      if (slot !== 0) this.#segments.push(slot, x, this.#runStart[x], height - this.#runStart[x]);
    }
    this.#letTableGo();
    return this.#ended = {
      segments: this.#segments,
      found: this.#found
    };
  }
  /**
   * Compares a row with the row above (`above`'s words from byte `aboveAt`) a word at a time,
   * and looks at the words that differ.
   */
  #scanRow(row, above, aboveAt) {
    const { words } = row;
    const at = row.base >> 2;
    const from = aboveAt >> 2;
    const count = this.#above.words.length;
    this.#bytes = row.bytes;
    this.#base = row.base;
    let next = 0;
    for (let w = 0; w < count; w++) {
      if (words[at + w] !== above[from + w]) next = this.#word(w, next);
    }
  }
  /**
   * As `#scanRow`, for row `r` of a strip whose reader finds where a row differs from the one
   * before it: the words that differ are the same, found without a loop over the others here.
   */
  #scanDifferences(data, r, stride, differsFrom) {
    const rowBytes = this.#width * this.#channels;
    this.#bytes = data;
    this.#base = r * stride;
    let next = 0;
    for (let from = differsFrom(r, 0); from < rowBytes; ) {
      const w = from >> 2;
      next = this.#word(w, next);
      if (4 * w + 4 >= rowBytes) break;
      from = differsFrom(r, 4 * w + 4);
    }
  }
  /**
   * Looks at the pixels of word `w` of the row, from pixel `next` on (those before were looked
   * at); returns the pixel after them.
   */
  #word(w, next) {
    const channels = this.#channels;
    const last = Math.min(this.#width - 1, Math.floor((4 * w + 3) / channels));
    for (let x = Math.max(next, Math.floor(4 * w / channels)); x <= last; x++) this.#pixel(x);
    return last + 1;
  }
  /** A pixel unlike the one above: where its instance changes, a run ends and another begins. */
  #pixel(x) {
    const bytes = this.#bytes;
    const at = this.#base + this.#channels * x;
    const red = bytes[at];
    const key = red << 8 | bytes[at + 2];
    let slot = this.#slotOfPixel[key];
    if (slot < 0) {
      slot = this.#slotOfPixel[key] = this.#newSlot(red, bytes[at + 2]);
      this.#keysSeen.push(key);
    }
    const before = this.#slotAbove[x];
    if (slot === before) return;
    const y = this.#y;
    if (before !== 0) this.#segments.push(before, x, this.#runStart[x], y - this.#runStart[x]);
    this.#slotAbove[x] = slot;
    this.#runStart[x] = y;
  }
  /** Clears the keys this scan set and gives its table to the next scan. */
  #letTableGo() {
    const table = this.#slotOfPixel;
    for (const key of this.#keysSeen) table[key] = -1;
    if (SLOT_TABLES.length < KEPT_TABLES) SLOT_TABLES.push(table);
  }
  /** The slot + 1 of a colour seen for the first time, 0 when it is no instance. */
  #newSlot(red, blue) {
    const classIndex = this.#classOfBChannel[blue];
    if (red === 0 || !classIndex) return 0;
    const key = red * 256 + classIndex;
    let slot = this.#slotOfKey.get(key);
    if (slot === void 0) {
      slot = this.#found.length;
      this.#slotOfKey.set(key, slot);
      this.#found.push({
        instanceId: red,
        classIndex
      });
    }
    return slot + 1;
  }
};

// lib/formats/_png_mask_instances.ts
function pngMaskInstances(job) {
  const { width, height, scanned } = scannedMask(job);
  const { segments, found } = scanned;
  return {
    width,
    height,
    instances: byInstance(segments.instances(found, width, height))
  };
}
function pngInstanceRuns(job) {
  const { width, height, scanned } = scannedMask(job);
  return {
    width,
    height,
    instances: byInstance(scanned.segments.columnRuns(scanned.found, width))
  };
}
function scannedMask(job) {
  const options = {
    maxPixels: job.maxPixels,
    census: false,
    unpacked: true
  };
  const rows = openMaskRows(job.bytes, options);
  const { width, height } = rows;
  const scan = new InstanceRowScan(width, height, job.classOfBChannel);
  rows.read((strip) => {
    const unpacked = strip.unpacked;
    scan.takeRows(unpacked === void 0 ? strip : {
      ...strip,
      ...unpacked,
      firstDiffers: true
    });
  });
  return {
    width,
    height,
    scanned: scan.end()
  };
}

// lib/formats/coco_mask_instances.ts
function cocoMaskInstances(job) {
  const { width, height, instances } = pngMaskInstances(job);
  return {
    width,
    height,
    instances: instances.map((instance2) => ({
      ...instance2,
      counts: cocoRleString(instance2.counts)
    }))
  };
}

// lib/formats/simplify_ring.ts
function simplifyRing(points, tolerance) {
  checkArgumentType(points, "points", RING);
  checkArgumentType(tolerance, "tolerance", DISTANCE);
  const count = points.length / 2;
  if (tolerance === 0 || count <= 3) return [
    ...points
  ];
  let far = 0;
  let farDistance = -1;
  for (let i = 1; i < count; i++) {
    const distance = Math.hypot(points[2 * i] - points[0], points[2 * i + 1] - points[1]);
    if (distance > farDistance) [far, farDistance] = [
      i,
      distance
    ];
  }
  const keep = new Uint8Array(count);
  keep[0] = keep[far] = 1;
  markKept(points, keep, 0, far, tolerance);
  markKept(points, keep, far, count, tolerance);
  if (keep.reduce((sum, kept2) => sum + kept2, 0) < 3) {
    keep[farthestFrom(points, 0, far, count)] = 1;
  }
  const kept = [];
  for (let i = 0; i < count; i++) if (keep[i] === 1) kept.push(points[2 * i], points[2 * i + 1]);
  return kept;
}
var RING = {
  expects: "a list of numbers of even length (x, y of each vertex)",
  is: (value) => Array.isArray(value),
  inRange: (value) => value.length % 2 === 0
};
var DISTANCE = numberFrom(0);
function markKept(points, keep, first, last, tolerance) {
  const stack = [
    [
      first,
      last
    ]
  ];
  while (stack.length > 0) {
    const [from, to] = stack.pop();
    if (to - from < 2) continue;
    const at = farthestFrom(points, from, to, to);
    const count = points.length / 2;
    if (distanceToChord(points, at, from, to % count) <= tolerance) continue;
    keep[at] = 1;
    stack.push([
      from,
      at
    ], [
      at,
      to
    ]);
  }
}
function farthestFrom(points, from, to, end) {
  const count = points.length / 2;
  let best = from + 1;
  let bestDistance = -1;
  for (let i = from + 1; i < end; i++) {
    if (i === to) continue;
    const distance = distanceToChord(points, i, from, to % count);
    if (distance > bestDistance) [best, bestDistance] = [
      i,
      distance
    ];
  }
  return best;
}
function distanceToChord(points, i, a, b) {
  const [px, py] = [
    points[2 * i],
    points[2 * i + 1]
  ];
  const [ax, ay, bx, by] = [
    points[2 * a],
    points[2 * a + 1],
    points[2 * b],
    points[2 * b + 1]
  ];
  const [dx, dy] = [
    bx - ax,
    by - ay
  ];
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// lib/formats/_splice_holes.ts
function spliceHoles(outline, holes) {
  if (holes.length === 0) return outline;
  const edges = EdgesByColumn.of(outline);
  const cuts = [];
  for (const hole of holes) {
    const cut = cutOf(outline, hole, edges);
    if (cut) cuts.push(cut);
  }
  cuts.sort((a, b) => a.edge - b.edge || a.along - b.along);
  const count = outline.length / 2;
  const spliced = new Array(cuts.reduce((sum, cut) => sum + cut.walk.length + 4, outline.length));
  let [at, next] = [
    0,
    0
  ];
  for (let edge = 0; edge < count; edge++) {
    spliced[at++] = outline[2 * edge];
    spliced[at++] = outline[2 * edge + 1];
    for (; next < cuts.length && cuts[next].edge === edge; next++) {
      const { x, y, walk } = cuts[next];
      spliced[at++] = x;
      spliced[at++] = y;
      for (let i = 0; i < walk.length; i++) spliced[at++] = walk[i];
      spliced[at++] = x;
      spliced[at++] = y;
    }
  }
  return spliced;
}
var EdgesByColumn = class _EdgesByColumn {
  left;
  start;
  edges;
  constructor(left, start, edges) {
    this.left = left;
    this.start = start;
    this.edges = edges;
  }
  static of(outline) {
    const count = outline.length / 2;
    let [left, right] = [
      Infinity,
      -Infinity
    ];
    for (let i = 0; i < outline.length; i += 2) {
      left = Math.min(left, outline[i]);
      right = Math.max(right, outline[i]);
    }
    left = Math.ceil(left);
    const start = new Int32Array(Math.max(0, Math.floor(right) - left + 2));
    const eachSpan = (visit) => {
      for (let edge = 0; edge < count; edge++) {
        const [ax, bx] = [
          outline[2 * edge],
          outline[(2 * edge + 2) % outline.length]
        ];
        if (ax !== bx) visit(edge, Math.ceil(Math.min(ax, bx)), Math.floor(Math.max(ax, bx)));
      }
    };
    eachSpan((_, from, to) => {
      for (let x = from; x <= to; x++) start[x - left + 1]++;
    });
    for (let i = 1; i < start.length; i++) start[i] += start[i - 1];
    const edges = new Int32Array(start[start.length - 1]);
    const placed = start.slice(0, -1);
    eachSpan((edge, from, to) => {
      for (let x = from; x <= to; x++) edges[placed[x - left]++] = edge;
    });
    return new _EdgesByColumn(left, start, edges);
  }
  /** The edges spanning column `x`, in the outline's order. */
  at(x) {
    const i = x - this.left;
    if (i < 0 || i + 1 >= this.start.length) return this.edges.subarray(0, 0);
    return this.edges.subarray(this.start[i], this.start[i + 1]);
  }
};
function topOf(hole) {
  let at = 0;
  for (let i = 2; i < hole.length; i += 2) {
    if (hole[i + 1] < hole[at + 1] || hole[i + 1] === hole[at + 1] && hole[i] < hole[at]) at = i;
  }
  return {
    x: hole[at],
    y: hole[at + 1],
    at
  };
}
function cutOf(outline, hole, byColumn) {
  const top = topOf(hole);
  let best;
  for (const edge of byColumn.at(top.x)) {
    const j = (2 * edge + 2) % outline.length;
    const [ax, ay, bx, by] = [
      outline[2 * edge],
      outline[2 * edge + 1],
      outline[j],
      outline[j + 1]
    ];
    const along = (top.x - ax) / (bx - ax);
    const y = ay + (by - ay) * along;
    if (y > top.y || best && y <= best.y) continue;
    best = {
      edge,
      along,
      x: top.x,
      y,
      walk: []
    };
  }
  if (!best) return void 0;
  best.walk = [
    ...hole.slice(top.at),
    ...hole.slice(0, top.at),
    top.x,
    top.y
  ];
  return best;
}

// lib/formats/_trace_rings.ts
function traceRings(runs) {
  const started = new Uint8Array(runs.count);
  const parts = runs.parts();
  const ringOfPart = new Int32Array(runs.count).fill(-1);
  const rings = [];
  for (const r of runs.inRowOrder()) {
    if (started[r] === 1) continue;
    const points = traceRing(runs, runs.column[r], runs.first[r], started);
    const part = parts[r];
    if (ringOfPart[part] >= 0) {
      rings.push({
        points,
        parent: ringOfPart[part]
      });
      continue;
    }
    ringOfPart[part] = rings.length;
    rings.push({
      points
    });
  }
  return rings;
}
function traceRing(runs, x0, y0, started) {
  let points = CORNERS.points;
  let count = 0;
  let x = x0;
  let y = y0;
  let dx = 1;
  let dy = 0;
  for (; ; ) {
    if (dx === 1) started[runs.startingAt(x, y)] = 1;
    x += dx;
    y += dy;
    let nx = -dy;
    let ny = dx;
    if (runs.has(x + (dx + dy < 0 ? -1 : 0), y + (dy - dx < 0 ? -1 : 0))) {
      nx = dy;
      ny = -dx;
    } else if (runs.has(x + (dx - dy < 0 ? -1 : 0), y + (dy + dx < 0 ? -1 : 0))) {
      nx = dx;
      ny = dy;
    }
    if (nx !== dx || ny !== dy) {
      if (count + 2 > points.length) points = CORNERS.grow(count + 2);
      points[count++] = x;
      points[count++] = y;
    }
    dx = nx;
    dy = ny;
    if (x === x0 && y === y0 && dx === 1) return CORNERS.copy(count);
  }
}
var KEPT_CORNERS = 1 << 20;
var CORNERS = {
  points: new Int32Array(4096),
  /** A buffer of at least `size` corners' coordinates, holding the ones so far. */
  grow(size) {
    const grown = new Int32Array(Math.max(size, 2 * this.points.length));
    grown.set(this.points);
    return this.points = grown;
  },
  /** The first `count` coordinates, as an array of their own; a buffer grown large is let go. */
  copy(count) {
    const points = new Array(count);
    for (let i = 0; i < count; i++) points[i] = this.points[i];
    if (this.points.length > KEPT_CORNERS) this.points = new Int32Array(4096);
    return points;
  }
};

// lib/formats/_instance_polygons.ts
var TRACE_OPTIONS = {
  tolerance: numberFrom(0)
};
function checkedTolerance(options) {
  checkOptionTypes(options, TRACE_OPTIONS);
  return options.tolerance ?? 0;
}
function polygonsOf(rings, region, tolerance) {
  const simplified = (points) => tolerance === 0 ? points : simplifyRing(points, tolerance);
  const polygonOfRing = /* @__PURE__ */ new Map();
  const polygons = [];
  const holes = [];
  rings.forEach((ring, i) => {
    if (ring.parent !== void 0) return;
    polygonOfRing.set(i, polygons.length);
    polygons.push(simplified(ring.points));
    holes.push([]);
  });
  for (const ring of rings) {
    if (ring.parent === void 0) continue;
    holes[polygonOfRing.get(ring.parent)].push(simplified(ring.points));
  }
  polygons.forEach((outline, i) => polygons[i] = spliceHoles(outline, holes[i]));
  for (const points of polygons) {
    for (let i = 0; i < points.length; i += 2) {
      points[i] += region.left;
      points[i + 1] += region.top;
    }
  }
  return polygons;
}

// lib/formats/mask_instance_polygons.ts
function maskInstancePolygons(job) {
  const tolerance = checkedTolerance({
    tolerance: job.tolerance
  });
  const { width, height, instances } = pngInstanceRuns(job);
  return {
    width,
    height,
    instances: instances.map(({ instanceId, classIndex, area, bbox, runs }) => {
      const box = {
        left: bbox[0],
        top: bbox[1],
        width: bbox[2],
        height: bbox[3]
      };
      return {
        instanceId,
        classIndex,
        area,
        bbox,
        polygons: polygonsOf(traceRings(runs), box, tolerance)
      };
    })
  };
}
function cocoPolygonInstances(job) {
  const { width, height, instances } = maskInstancePolygons(job);
  return {
    width,
    height,
    instances: instances.map(({ polygons, ...instance2 }) => ({
      ...instance2,
      segmentation: JSON.stringify(polygons)
    }))
  };
}

// lib/formats/python_number.ts
function pythonFloat(value) {
  const size = Math.abs(value);
  if (size >= 1e-4 && size < 1e16) {
    const text2 = String(value);
    return Number.isInteger(value) ? `${text2}.0` : text2;
  }
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const point = exponent + 1;
  let text;
  if (point <= 0) text = `0.${"0".repeat(-point)}${digits}`;
  else if (point >= digits.length) text = `${digits}${"0".repeat(point - digits.length)}.0`;
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${text}` : text;
}

// lib/formats/zip_writer.ts
import { deflateRawSync } from "node:zlib";
var FLUSH_AT = 1 << 16;
var TEXT = new TextEncoder();
function deflatedEntry(bytes, options = {}) {
  checkOptionTypes(options, DEFLATE_OPTIONS);
  const deflated = deflateRawSync(bytes, options.level === void 0 ? {} : {
    level: options.level
  });
  return {
    deflated,
    crc: crc32(bytes),
    size: bytes.length
  };
}
var DEFLATE_OPTIONS = {
  level: wholeNumber(1, 9)
};

// lib/formats/_ascii_bytes.ts
var FIRST_BYTES2 = 64 * 1024;
var KEPT_BYTES = 4 * 1024 * 1024;
var AsciiBytes = class {
  #bytes = new Uint8Array(FIRST_BYTES2);
  #words = new DataView(this.#bytes.buffer);
  #length = 0;
  /** Empties the buffer: it keeps its size, up to 4 MiB (a larger one is let go). */
  clear() {
    this.#length = 0;
    if (this.#bytes.length > KEPT_BYTES) this.#grown(FIRST_BYTES2);
  }
  /** Appends one byte. */
  byte(value) {
    if (this.#length === this.#bytes.length) this.#room(1);
    this.#bytes[this.#length++] = value;
  }
  /** Appends text of characters below U+0080 (each is one byte). */
  text(text) {
    this.#room(text.length);
    const bytes = this.#bytes;
    let at = this.#length;
    for (let i = 0; i < text.length; i++) bytes[at++] = text.charCodeAt(i);
    this.#length = at;
  }
  /**
   * Appends the packed text of `value` (see {@linkcode packedFractions}), copied four bytes at a
   * time: its last word may take bytes past the text, which the next write overwrites.
   */
  packed(texts, value) {
    const start = texts.starts[value];
    const end = texts.starts[value + 1];
    this.#room(end - start + 3);
    const from = texts.words;
    const to = this.#words;
    for (let i = start, at = this.#length; i < end; i += 4, at += 4) {
      to.setUint32(at, from.getUint32(i));
    }
    this.#length += end - start;
  }
  /** The bytes written since the last {@linkcode AsciiBytes.clear}: valid until the next write. */
  view() {
    return this.#bytes.subarray(0, this.#length);
  }
  /** Makes room for `more` bytes. */
  #room(more) {
    const needed = this.#length + more;
    if (needed <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < needed) size *= 2;
    const kept = this.view();
    this.#grown(size);
    this.#bytes.set(kept);
  }
  /** A buffer of `size` bytes in place of the last. */
  #grown(size) {
    this.#bytes = new Uint8Array(size);
    this.#words = new DataView(this.#bytes.buffer);
  }
};
function packedFractions(size, textOf) {
  const out = new AsciiBytes();
  const starts = new Int32Array(size + 2);
  for (let value = 0; value <= size; value++) {
    starts[value] = out.view().length;
    out.text(textOf(value / size));
  }
  starts[size + 1] = out.view().length;
  const padded = new Uint8Array(out.view().length + 3);
  padded.set(out.view());
  return {
    bytes: padded.subarray(0, out.view().length),
    starts,
    words: new DataView(padded.buffer)
  };
}

// lib/formats/yolo_segment_lines.ts
function yoloSegmentFile(job) {
  try {
    const { lines, classes } = linesOf(maskInstancePolygons(job), job);
    return {
      ...deflatedEntry(lines, {
        level: LABEL_LEVEL
      }),
      classes
    };
  } finally {
    LINES.clear();
  }
}
var LABEL_LEVEL = 2;
var LINES = new AsciiBytes();
function linesOf(traced, lookup) {
  const { width, height } = traced;
  const [xs, ys] = [
    coordinateTexts(width),
    coordinateTexts(height)
  ];
  const seen = /* @__PURE__ */ new Set();
  const out = LINES;
  out.clear();
  for (const instance2 of traced.instances) {
    const yoloClass = lookup.yoloClassOf[instance2.classIndex] ?? -1;
    if (yoloClass < 0) {
      throw new MasksError(`its mask has instances of the label "${lookup.labelOf[instance2.classIndex]}", which no main list of the configuration shows, so it has no class in data.yaml`);
    }
    seen.add(yoloClass);
    for (const polygon of instance2.polygons) {
      out.text(String(yoloClass));
      for (let i = 0; i < polygon.length; i += 2) {
        coordinate(out, polygon[i], width, xs);
        coordinate(out, polygon[i + 1], height, ys);
      }
      out.byte(NEWLINE);
    }
  }
  return {
    lines: out.view(),
    classes: [
      ...seen
    ].sort((a, b) => a - b)
  };
}
var NEWLINE = 10;
var COORDINATE_TEXTS = /* @__PURE__ */ new Map();
function coordinateTexts(size) {
  let texts = COORDINATE_TEXTS.get(size);
  if (texts === void 0) {
    if (COORDINATE_TEXTS.size === 4) COORDINATE_TEXTS.clear();
    COORDINATE_TEXTS.set(size, texts = packedFractions(size, (value) => ` ${pythonFloat(value)}`));
  }
  return texts;
}
function coordinate(out, value, size, texts) {
  if (Number.isInteger(value) && value >= 0 && value <= size) {
    out.packed(texts, value);
  } else out.text(` ${pythonFloat(value / size)}`);
}

// lib/_std/path.ts
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

// lib/model/file_system.ts
var DENO_FILE_SYSTEM = {
  // The calls made for every mask (a few per file, each quick on a local disk) are the runtime's
  // synchronous ones behind a promise: its asynchronous calls hand each one to another thread and
  // back, which cost more than the call itself (about 0.3 s of CPU and a busier main thread in an
  // export of 2,400 masks, measured); the workers have their next masks queued meanwhile. A
  // resumed export reads every kept file back to check it: 60,000 of them in one run. The
  // folders' checks (`stat` of the folders above the export) and `mkdir` (a folder a task, with
  // `binary`) are such calls too.
  lstat: (path) => promised(() => Deno.lstatSync(path)),
  stat: (path) => promised(() => Deno.statSync(path)),
  // A regular file only: reading a FIFO or a device synchronously could block this thread.
  readFile: (path) => promised(() => Deno.statSync(path).isFile).then((regular) => regular ? Deno.readFileSync(path) : Deno.readFile(path)),
  writeFile: (path, bytes, options) => promised(() => Deno.writeFileSync(path, bytes, options)),
  open: (path, options) => Deno.open(path, options),
  rename: (from, to) => promised(() => Deno.renameSync(from, to)),
  link: (from, to) => Deno.link(from, to),
  remove: (path, options) => Deno.remove(path, options),
  mkdir: (path, options) => promised(() => Deno.mkdirSync(path, options)),
  readDir: (path) => Deno.readDir(path)
};
function promised(call) {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error);
  }
}

// lib/model/folder_identities.ts
function identityOf(info) {
  return info.ino === null || info.ino === void 0 ? void 0 : `${info.dev}:${info.ino}`;
}
var FolderIdentities = class {
  #known = /* @__PURE__ */ new Map();
  /**
   * Records what `folder` is, or checks that it is still what it was.
   *
   * @param folder The folder, relative to the export folder (`""`: the export folder itself).
   * @param info What `lstat` says it is now.
   * @throws {UnsafePathError} when it is no longer a folder, or another one than before.
   */
  note(folder, info) {
    const identity = identityOf(info);
    const changed = info.isSymlink || !info.isDirectory || this.#known.has(folder) && this.#known.get(folder) !== identity;
    if (changed) throw changedError(folder);
    this.#known.set(folder, identity);
  }
  /** Whether `folder` was seen. */
  has(folder) {
    return this.#known.has(folder);
  }
  /** Forgets every folder (the export folder was removed, or made anew). */
  forget() {
    this.#known.clear();
  }
};
function changedError(folder) {
  return new UnsafePathError(folder === "" ? "." : folder, "it changed while the export was using it (a link or another folder was swapped in); the export stops rather than write or remove anything outside its folder");
}

// lib/model/segments_of.ts
function segmentsOf(relative2) {
  if (typeof relative2 !== "string" || relative2 === "") {
    throw new UnsafePathError(String(relative2), "it is empty");
  }
  if (isAbsolute(relative2) || /^[A-Za-z]:|^[\\/]/.test(relative2)) {
    throw new UnsafePathError(relative2, "it is absolute; paths must stay inside the export folder");
  }
  const segments = relative2.split(/[\\/]/);
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) {
    throw new UnsafePathError(relative2, "it climbs out of the export folder or has an empty part");
  }
  return segments;
}
function parentOf(relative2) {
  return segmentsOf(relative2).slice(0, -1).join("/");
}

// lib/model/export_folders.ts
var ExportFolders = class {
  #root;
  #fileSystem;
  /** Folders known to exist and be safe: one check and `mkdir` per folder, not per file. */
  #made = /* @__PURE__ */ new Set();
  /** Each folder's device and inode as first seen, to tell one swapped meanwhile. */
  #identities = new FolderIdentities();
  /**
   * @param root The export folder, absolute.
   * @param fileSystem The file calls to make.
   */
  constructor(root, fileSystem) {
    this.#root = root;
    this.#fileSystem = fileSystem;
  }
  /**
   * Makes the folders of `relative` one by one (but those made or checked before), refusing any
   * that is a link.
   *
   * @param relative A file's path relative to the export folder.
   * @throws {UnsafePathError} when a folder on the way is a link, or changed.
   */
  async make(relative2) {
    const segments = segmentsOf(relative2).slice(0, -1);
    for (let i = 1; i <= segments.length; i++) {
      const folder = segments.slice(0, i).join("/");
      if (this.#made.has(folder)) continue;
      const path = join(this.#root, ...segments.slice(0, i));
      try {
        await this.#fileSystem.mkdir(path);
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      }
      const info = await this.#lstat(path);
      if (info?.isSymlink) throw linkError(folder);
      if (info === void 0) throw changedError(folder);
      this.#identities.note(folder, info);
      this.#made.add(folder);
    }
  }
  /**
   * Checks again that every folder on the way to each path (not the export folder itself) is the
   * one first seen: each folder is `lstat`ed once.
   *
   * @param relatives Paths relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verify(relatives) {
    const checked = /* @__PURE__ */ new Set();
    for (const relative2 of relatives) {
      const folders = segmentsOf(relative2).slice(0, -1);
      for (let i = 1; i <= folders.length; i++) {
        const folder = folders.slice(0, i).join("/");
        if (checked.has(folder)) continue;
        checked.add(folder);
        const info = await this.#lstat(join(this.#root, ...folders.slice(0, i)));
        if (info === void 0) throw changedError(folder);
        this.#identities.note(folder, info);
      }
    }
  }
  /**
   * Records what `folder` is, or checks that it is still what it was.
   *
   * @param folder The folder, relative to the export folder (`""`: the export folder itself).
   * @param info What `lstat` says it is now.
   * @throws {UnsafePathError} when it is no longer a folder, or another one than before.
   */
  note(folder, info) {
    this.#identities.note(folder, info);
  }
  /** Forgets every folder (the export folder was removed, or made anew). */
  forget() {
    this.#made.clear();
    this.#identities.forget();
  }
  async #lstat(path) {
    return await this.#fileSystem.lstat(path).catch(notFound);
  }
};
function notFound(error) {
  if (error instanceof Deno.errors.NotFound) return void 0;
  throw error;
}
function linkError(path) {
  return new UnsafePathError(path, "it is a symbolic link inside the export folder; remove it, the export never follows links");
}
function fileOnTheWay(root, segments) {
  return segments.length === 0 ? new UnsafePathError(root, "it is a file, where the export folder should be") : new UnsafePathError(segments.join("/"), "it is a file, where a folder should be");
}
function rootMissing(root, error) {
  if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
    return void 0;
  }
  const reason = error instanceof Error ? error.message : String(error);
  throw new UnsafePathError(root, `the system cannot use it as the export folder: ${reason}`, {
    cause: error
  });
}

// lib/model/swap_checked.ts
var FileWriteFailure = class extends Error {
  /** The file, relative to the export folder. */
  relative;
  constructor(relative2, cause) {
    super(`"${relative2}" cannot be written: ${cause instanceof Error ? cause.message : cause}`, {
      cause
    });
    this.name = "FileWriteFailure";
    this.relative = relative2;
  }
};
async function writeFilesChecked(files, batch) {
  const pending = [];
  try {
    for (const { relative: relative2, bytes } of batch) {
      const path = files.pathOf(relative2);
      const file = {
        relative: relative2,
        path,
        temporary: temporaryPathOf(path)
      };
      pending.push(file);
      await failing(relative2, files.fileSystem.writeFile(file.temporary, bytes, {
        createNew: true
      }));
      const info = await failing(relative2, lstatOf(files, file.temporary));
      if (info === void 0) {
        throw new FileWriteFailure(relative2, changedError(parentOf(relative2)));
      }
      file.identity = identityOf(info);
    }
    await failing(batch[0]?.relative, files.verifyFoldersOf(batch.map((file) => file.relative)));
  } catch (error) {
    await removeTemporaries(files, pending);
    throw error;
  }
  const renamed = [];
  let failure;
  for (const file of pending) {
    try {
      await files.fileSystem.rename(file.temporary, file.path);
      renamed.push(file);
    } catch (error) {
      failure = new FileWriteFailure(file.relative, error);
      break;
    }
  }
  await removeTemporaries(files, pending.slice(renamed.length));
  await checkLanded(files, renamed);
  if (failure) throw failure;
}
async function failing(relative2, promise) {
  try {
    return await promise;
  } catch (error) {
    throw error instanceof FileWriteFailure ? error : new FileWriteFailure(relative2 ?? ".", error);
  }
}
async function removeTemporaries(files, pending) {
  for (const file of pending) await files.fileSystem.remove(file.temporary).catch(() => {
  });
}
async function checkLanded(files, renamed) {
  if (renamed.length === 0) return;
  try {
    await files.verifyFoldersOf(renamed.map((file) => file.relative));
  } catch (error) {
    for (const { path, identity } of renamed) {
      const landed = await lstatOf(files, path).catch(() => void 0);
      if (landed && identity !== void 0 && identityOf(landed) === identity) {
        await files.fileSystem.remove(path).catch(() => {
        });
      }
    }
    throw new FileWriteFailure(renamed[0].relative, error);
  }
  for (const { relative: relative2, path, identity } of renamed) {
    const landed = await lstatOf(files, path);
    if (identity !== void 0 && (landed === void 0 || identityOf(landed) !== identity)) {
      throw new FileWriteFailure(relative2, changedError(parentOf(relative2)));
    }
  }
}
async function removeChecked(files, relative2, checked) {
  const path = files.pathOf(relative2);
  const aside = join(files.root, `.${crypto.randomUUID().slice(0, 8)}.removed.tmp`);
  try {
    await files.fileSystem.rename(path, aside);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const moved = await lstatOf(files, aside);
  const changed = await files.verifyFolders(relative2).then(() => void 0, (error) => error);
  if (changed !== void 0 || moved === void 0 || identityOf(moved) !== identityOf(checked)) {
    if (moved !== void 0) await files.fileSystem.rename(aside, path).catch(() => {
    });
    throw changed ?? changedError(parentOf(relative2));
  }
  try {
    await files.fileSystem.remove(aside);
  } catch (error) {
    await files.fileSystem.rename(aside, path).catch(() => {
    });
    throw error;
  }
}
async function lstatOf(files, path) {
  try {
    return await files.fileSystem.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return void 0;
    throw error;
  }
}
function temporaryPathOf(path) {
  const suffix = crypto.getRandomValues(new Uint32Array(1))[0].toString(36);
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

// lib/model/export_folder_fs.ts
var ExportFolderFs = class {
  /** The export folder, absolute. */
  root;
  /** The low-level file calls. */
  fileSystem;
  /** The folders made and checked, each with its identity as first seen. */
  #folders;
  #rootChosenByUser;
  /**
   * Opens the door to one export folder; nothing is touched yet.
   *
   * @param root The export folder, absolute.
   * @param options The low-level file calls to make (default `DENO_FILE_SYSTEM`), and whether
   * the root is a folder the user chose (a one-file export's output folder) rather than one the
   * export makes: it may then be a link, as the folders above an export folder may (default
   * `false`).
   */
  constructor(root, options = {}) {
    this.root = root;
    this.fileSystem = options.fileSystem ?? DENO_FILE_SYSTEM;
    this.#folders = new ExportFolders(root, this.fileSystem);
    this.#rootChosenByUser = options.rootChosenByUser ?? false;
  }
  /** Whether the root is a folder the user chose (it may then be a link), as it was opened. */
  get rootChosenByUser() {
    return this.#rootChosenByUser;
  }
  /**
   * The absolute path of `relative` after checking its form (no lstat).
   *
   * @throws {UnsafePathError} when it is empty, absolute or has an empty, `.` or `..` segment.
   */
  pathOf(relative2) {
    return join(this.root, ...segmentsOf(relative2));
  }
  /** Whether the export folder exists; refuses one that is a link. */
  async rootExists() {
    return await this.rootInfo() !== void 0;
  }
  /** Whether something (file, folder, link) is at `relative`; refuses links on the way. */
  async exists(relative2) {
    return await this.#check(relative2, true) !== void 0;
  }
  /** What is at `relative`, not following a link there (`undefined`: nothing); refuses links on the way. */
  async info(relative2) {
    return await this.#check(relative2, false);
  }
  /** What the export folder is (`undefined`: not there yet); refuses one that is a link. */
  async rootInfo() {
    return await this.#checkRoot();
  }
  /** Reads a file; refuses links on the way and at the file, and what is not a regular file. */
  async readFile(relative2) {
    await this.#checkFile(relative2);
    return await this.fileSystem.readFile(this.pathOf(relative2));
  }
  /**
   * Opens a file for reading (e.g. a manifest read as a stream); refuses links on the way and at
   * the file, and what is not a regular file.
   */
  async openFile(relative2) {
    await this.#checkFile(relative2);
    return await this.fileSystem.open(this.pathOf(relative2), {
      read: true
    });
  }
  /** A named pipe would hang the read (it waits for a writer); a device or socket is no mask. */
  async #checkFile(relative2) {
    const info = await this.#check(relative2, true);
    if (info === void 0 || info.isFile) return;
    throw new UnsafePathError(relative2, info.isDirectory ? "it is a folder, where a file should be" : "it is not a regular file (a named pipe, socket or device); the export reads only files");
  }
  /** Reads a text file; refuses links on the way and at the file. */
  async readTextFile(relative2) {
    return new TextDecoder().decode(await this.readFile(relative2));
  }
  /**
   * Writes a file atomically, making its folders; refuses links on the way. The folders on the
   * way are checked again before and after the rename: when one was swapped meanwhile, the file
   * is removed from where it landed (if it is still the one written) and the write refused.
   */
  async writeFile(relative2, bytes) {
    try {
      await this.writeFiles([
        {
          relative: relative2,
          bytes
        }
      ]);
    } catch (error) {
      throw error instanceof FileWriteFailure ? error.cause : error;
    }
  }
  /**
   * Writes files as {@linkcode ExportFolderFs.writeFile} does, one after another, sharing the
   * checks of their folders: the folders are made once, checked again once before the renames and
   * once after (a task's files, five with `binary`, cost two `lstat`s each and a few for the
   * batch, not seven each).
   *
   * @throws {FileWriteFailure} naming the file at fault (see `writeFilesChecked` for which of
   * the files are then written).
   */
  async writeFiles(batch) {
    if (batch.length === 0) return;
    let relative2 = batch[0].relative;
    try {
      await this.#checkRoot();
      for (const file of batch) await this.#folders.make(relative2 = file.relative);
    } catch (error) {
      throw new FileWriteFailure(relative2, error);
    }
    await writeFilesChecked(this, batch);
  }
  /**
   * Opens a new file for writing (and, with `read`, reading) at `relative`, removing what was
   * there first (a link is removed, not followed) and creating the file exclusively.
   */
  async createFile(relative2, options = {}) {
    await this.remove(relative2);
    return await this.fileSystem.open(this.pathOf(relative2), {
      createNew: true,
      write: true,
      read: options.read ?? false
    });
  }
  /**
   * Renames a file inside the export folder; refuses links on the way and at the source, and a
   * folder on the way that changed meanwhile.
   */
  async rename(from, to) {
    await this.#check(from, true);
    await this.#check(to, false);
    await this.fileSystem.rename(this.pathOf(from), this.pathOf(to));
    await this.verifyFolders(from);
    await this.verifyFolders(to);
  }
  /**
   * Removes a file (or the link itself) if it is there; refuses links on the way. It is first
   * moved aside into the export folder and compared with what was checked: when a folder on the
   * way was swapped meanwhile, what was moved is put back and the removal refused.
   */
  async remove(relative2) {
    const checked = await this.#check(relative2, false);
    if (checked !== void 0) await removeChecked(this, relative2, checked);
  }
  /** The names in the export folder; refuses a folder that is a link. */
  async names() {
    await this.#checkRoot();
    const names = [];
    for await (const entry of this.fileSystem.readDir(this.root)) names.push(entry.name);
    return names;
  }
  /** Empties the export folder but for the names in `keep` (links are removed, never followed). */
  async empty(keep = []) {
    for (const name of await this.names()) {
      if (keep.includes(name)) continue;
      await this.fileSystem.remove(join(this.root, name), {
        recursive: true
      });
    }
    this.#folders.forget();
  }
  /** Makes the export folder; `exclusive`: an existing one is an error (`AlreadyExists`). */
  async makeRoot(exclusive) {
    if (!exclusive) {
      if (await this.#checkRoot() === void 0) {
        await this.fileSystem.mkdir(this.root, {
          recursive: true
        });
      }
      await this.#checkRoot();
      return;
    }
    await this.fileSystem.mkdir(join(this.root, ".."), {
      recursive: true
    });
    await this.fileSystem.mkdir(this.root);
    await this.#checkRoot();
  }
  /**
   * Lstats each component of `relative` (the last one too when `last`), refusing links; returns
   * what is at the path, or `undefined` when some component is missing.
   */
  async #check(relative2, last) {
    const segments = segmentsOf(relative2);
    let info = await this.#checkRoot();
    for (let i = 1; i <= segments.length && info !== void 0; i++) {
      if (!info.isDirectory) throw fileOnTheWay(this.root, segments.slice(0, i - 1));
      info = await this.#lstat(join(this.root, ...segments.slice(0, i)));
      if (info?.isSymlink && (last || i < segments.length)) {
        throw linkError(segments.slice(0, i).join("/"));
      }
      if (info?.isDirectory && i < segments.length) {
        this.#folders.note(segments.slice(0, i).join("/"), info);
      }
    }
    return info;
  }
  /**
   * Checks again that the export folder and every folder on the way to `relative` are the ones
   * first seen: each is `lstat`ed (a link there now, or another folder, is refused).
   *
   * @param relative A path relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verifyFolders(relative2) {
    await this.verifyFoldersOf([
      relative2
    ]);
  }
  /**
   * Checks again, as {@linkcode ExportFolderFs.verifyFolders} does, the folders on the way to
   * each path, each folder once.
   *
   * @param relatives Paths relative to the export folder.
   * @throws {UnsafePathError} when one changed or is gone.
   */
  async verifyFoldersOf(relatives) {
    const root = await this.#checkRoot();
    if (root === void 0) throw changedError("");
    await this.#folders.verify(relatives);
  }
  async #checkRoot() {
    const fs = this.fileSystem;
    const info = await (this.#rootChosenByUser ? fs.stat(this.root) : fs.lstat(this.root)).catch((error) => rootMissing(this.root, error));
    if (info?.isSymlink) {
      throw new UnsafePathError(this.root, "the export folder is a symbolic link");
    }
    if (info?.isDirectory) this.#folders.note("", info);
    return info;
  }
  async #lstat(path) {
    return await this.fileSystem.lstat(path).catch(notFound);
  }
};

// lib/export/_intact_files.ts
async function intactFiles(job, files = new ExportFolderFs(job.root, {
  rootChosenByUser: job.rootChosenByUser
})) {
  const intact = new Uint8Array(job.files.length);
  for (let at = 0; at < job.files.length; at++) {
    const { path, sha256: digest } = job.files[at];
    const bytes = await files.readFile(path).catch(() => void 0);
    if (bytes !== void 0 && sha256(bytes) === digest) intact[at] = 1;
  }
  return intact;
}

// lib/export/_reused_folder_check.ts
async function unsafeEntries(list) {
  const found = [];
  const folders = [
    ""
  ];
  while (folders.length > 0) {
    const folder = folders.pop();
    try {
      for await (const entry of list(folder)) {
        const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
        if (entry.isDirectory && !entry.isSymlink) folders.push(path);
        else if (entry.isSymlink || !entry.isFile) {
          found.push(`${inertText(path)} (${kindOf2(entry)})`);
        }
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw new UnreadableFolder(folder, error);
    }
  }
  return found;
}
var UnreadableFolder = class extends Error {
  folder;
  /**
   * @param folder The folder, `/`-separated from the root.
   * @param cause Why it could not be listed.
   */
  constructor(folder, cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot list ${folder === "" ? "it" : inertText(folder)}: ${reason}`, {
      cause
    }), this.folder = folder;
    this.name = "UnreadableFolder";
  }
};
function kindOf2(entry) {
  return entry.isSymlink ? "a symbolic link" : "not a regular file: a pipe, socket or device";
}

// lib/model/_manifest_fields.ts
var isText = (value) => typeof value === "string";
var isNumber = Number.isFinite;
var isTexts = (value) => Array.isArray(value) && value.every(isText);
var isFiles = (value) => Array.isArray(value) && value.every(isFile);
var isInstances = (value) => isRecord2(value) && Object.values(value).every(isLabelId);
var isPixelCounts = (value) => isRecord2(value) && Object.values(value).every(isNumber);
var isSegments = (value) => Array.isArray(value) && value.every(isSegment);
var SAYS = /* @__PURE__ */ new Map([
  [
    isText,
    "is not a string"
  ],
  [
    isNumber,
    "is not a number"
  ],
  [
    isTexts,
    "is not a list of strings"
  ],
  [
    isFiles,
    'is not a list of files, each with a "path" and a "sha256" string'
  ],
  [
    isInstances,
    "is not an object of label ids (or null) by instance id"
  ],
  [
    isPixelCounts,
    "is not an object of pixel counts by label id"
  ],
  [
    isSegments,
    "is not a list of panoptic segments"
  ]
]);
function fieldFault(entry) {
  const e = entry;
  if (e.name === void 0) return 'it has no "name"';
  if (e.outcome === void 0) return 'it has no "outcome"';
  return fault("name", e.name, isText) ?? fault("outcome", e.outcome, isText) ?? fault("path", e.path, isText) ?? fault("files", e.files, isFiles) ?? fault("width", e.width, isNumber) ?? fault("height", e.height, isNumber) ?? fault("labels", e.labels, isTexts) ?? fault("instanceCount", e.instanceCount, isNumber) ?? fault("instances", e.instances, isInstances) ?? fault("renamedFrom", e.renamedFrom, isText) ?? fault("warning", e.warning, isText) ?? fault("segments", e.segments, isSegments) ?? fault("split", e.split, isText) ?? fault("labelPixels", e.labelPixels, isPixelCounts);
}
function fault(field, value, test) {
  return value === void 0 || test(value) ? void 0 : `"${field}" ${SAYS.get(test)}`;
}
function isFile(value) {
  return isRecord2(value) && typeof value.path === "string" && typeof value.sha256 === "string" && (value.pixelSha256 === void 0 || typeof value.pixelSha256 === "string");
}
function isLabelId(value) {
  return value === null || typeof value === "string";
}
function isSegment(value) {
  return isRecord2(value) && Number.isFinite(value.id) && Number.isFinite(value.category_id) && Number.isFinite(value.area) && Array.isArray(value.bbox) && value.bbox.length === 4 && value.bbox.every(Number.isFinite);
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// lib/model/manifest.ts
function parseManifestLine(line, place, source) {
  if (line.trim() === "") return void 0;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    if (place.last) return null;
  }
  return checkManifestEntry(entry, place, source);
}
function checkManifestEntry(value, place, source) {
  const { path, setting } = source;
  const entry = value;
  if (!entry || typeof entry.taskId !== "string" || !Array.isArray(entry.files)) {
    throw new ConfigError(`The manifest "${path}" has a bad line ${place.number}: it is not a manifest entry`, {
      setting
    });
  }
  const fault2 = fieldFault(entry);
  if (fault2 !== void 0) {
    throw new ConfigError(`The manifest "${path}" has a bad line ${place.number}: ${fault2}`, {
      setting
    });
  }
  for (const file of entry.files) checkPath(file.path, place, source);
  if (entry.path !== void 0) checkPath(entry.path, place, source);
  return entry;
}
var PLAIN_RELATIVE = /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/;
function checkPath(path, place, source) {
  if (typeof path === "string" && PLAIN_RELATIVE.test(path)) return;
  try {
    segmentsOf(path);
  } catch (error) {
    if (!(error instanceof UnsafePathError)) throw error;
    const where = `${source.path}" line ${place.number}`;
    throw new UnsafePathError(String(path), `the manifest "${where} names it; ${error.message.replace(/^.*?: /, "")}`, {
      setting: source.setting
    });
  }
}

// lib/export/_parsed_lines.ts
var BATCH_BYTES = 48 * 1024;
function* parsedLines(lines, options) {
  let start = 0;
  while (start < lines.length) {
    const end = batchEnd(lines, start);
    const batch = end - start > 1 ? parseBatch(lines.slice(start, end), options) : void 0;
    for (let i = start; i < end; i++) {
      const line = lines[i];
      if (batch === void 0) {
        const parsed = parseOne(line, options);
        if (parsed === null) {
          yield null;
          return;
        }
        if (parsed !== void 0) yield parsed;
        continue;
      }
      const entry = checkManifestEntry(batch.values[i - start], line, options.source);
      const written = options.written && (batch.written || isWritten(line.bytes, options.decoder.decode(line.bytes), entry));
      yield {
        line,
        entry,
        written
      };
    }
    start = end;
  }
}
function isWritten(bytes, text, entry) {
  return bytes[0] === 123 && !text.includes("\uFFFD") && JSON.stringify(entry) === text;
}
function parseOne(line, options) {
  const text = options.decoder.decode(line.bytes);
  const entry = parseManifestLine(text, line, options.source);
  if (entry === null || entry === void 0) return entry;
  return {
    line,
    entry,
    written: options.written && isWritten(line.bytes, text, entry)
  };
}
function batchEnd(lines, start) {
  let end = start + 1;
  const from = lines[start].bytes.byteOffset;
  while (end < lines.length) {
    const before = lines[end - 1].bytes;
    const { bytes, last } = lines[end];
    if (last || bytes.buffer !== before.buffer) break;
    if (bytes.byteOffset !== before.byteOffset + before.length + 1) break;
    if (bytes.byteOffset + bytes.length - from > BATCH_BYTES) break;
    end++;
  }
  return lines[start].last ? start + 1 : end;
}
function parseBatch(batch, options) {
  const first = batch[0].bytes;
  const last = batch[batch.length - 1].bytes;
  const length = last.byteOffset + last.length - first.byteOffset;
  const text = options.decoder.decode(new Uint8Array(first.buffer, first.byteOffset, length));
  const array = `[${text.replaceAll("\n", ",")}]`;
  let values;
  try {
    values = JSON.parse(array);
  } catch {
    return void 0;
  }
  if (!Array.isArray(values) || values.length !== batch.length) return void 0;
  const written = options.written && !text.includes("\uFFFD") && batch.every((line) => line.bytes[0] === 123) && JSON.stringify(values) === array;
  return {
    values,
    written
  };
}

// lib/export/_unwritten_lines.ts
function unwrittenLines(lines) {
  const { bytes, offset, source } = lines;
  const split = [];
  let from = 0;
  for (let end = bytes.indexOf(10); from <= bytes.length; end = bytes.indexOf(10, from)) {
    const stop = end === -1 ? bytes.length : end;
    const line = bytes.subarray(from, stop);
    split.push({
      bytes: line,
      offset: offset + from,
      number: split.length + 1,
      last: false
    });
    from = stop + 1;
  }
  split[split.length - 1].last = lines.last;
  const unwritten = [];
  const options = {
    source,
    decoder: new TextDecoder(),
    written: true
  };
  for (const parsed of parsedLines(split, options)) {
    if (parsed === null) break;
    if (!parsed.written) unwritten.push(parsed.line.offset);
  }
  return unwritten;
}

// lib/export/_pool_jobs.ts
var POOL_JOBS = {
  render: {
    run: runMaskJob,
    transfer: (rendered) => [
      ...rendered.files.map((file) => file.bytes.buffer),
      ...rendered.preview ? [
        rendered.preview.png.buffer
      ] : []
    ]
  },
  cocoInstances: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => cocoMaskInstances(job),
    transfer: () => []
  },
  cocoPolygons: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => cocoPolygonInstances(job),
    transfer: () => []
  },
  yoloSegmentFile: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (job) => yoloSegmentFile(job),
    transfer: (file) => [
      file.deflated.buffer
    ]
  },
  intactFiles: {
    run: (job) => intactFiles(job),
    transfer: (intact) => [
      intact.buffer
    ]
  },
  unsafeEntries: {
    run: ({ root }) => unsafeEntries((folder) => Deno.readDir(folder === "" ? root : join(root, ...folder.split("/")))),
    transfer: () => []
  },
  unwrittenLines: {
    // deno-lint-ignore require-await -- a job's run is async, so its errors are rejections.
    run: async (lines) => unwrittenLines(lines),
    transfer: () => []
  }
};
var SharedInputs = class {
  #fields = /* @__PURE__ */ new Map();
  /** The request's whole input; keeps shared fields sent with it for the next requests. */
  inputOf(request) {
    if (request.shared === void 0) return request.input;
    const { id, fields } = request.shared;
    if (fields !== void 0) this.#fields.set(id, fields);
    const known = this.#fields.get(id);
    if (known === void 0) throw new RangeError(`Shared input ${id} was never sent`);
    return {
      ...known,
      ...request.input
    };
  }
};
async function answerOf(request, shared2) {
  const { id, name } = request;
  const job = POOL_JOBS[name];
  try {
    const result = await job.run(shared2.inputOf(request));
    return {
      answer: {
        id,
        result
      },
      transfer: job.transfer(result)
    };
  } catch (error) {
    return {
      answer: {
        id,
        error: errorData(error)
      },
      transfer: []
    };
  }
}
function errorData(error) {
  const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
  const fields = {};
  for (const [key, value] of Object.entries(error instanceof Error ? error : {})) {
    if (value === void 0 || [
      "string",
      "number",
      "boolean"
    ].includes(typeof value)) {
      fields[key] = value;
    }
  }
  return {
    name,
    message,
    stack,
    fields
  };
}

// lib/export/_heap_collector.ts
var MOST_TIME_SHARE = 0.02;
var MAIN_THREAD_COLLECTIONS = {
  every: 500,
  headroomBytes: 8 * 2 ** 20
};
var WORKER_COLLECTIONS = {
  every: 250,
  headroomBytes: 6 * 2 ** 20
};
var HeapCollector = class {
  #collect;
  #heapSize;
  #now;
  #every;
  #headroom;
  #ticks = 0;
  /** The heap's size after the last full collection (at first: when made). */
  #base = 0;
  /** When the last collection ended, and how long it took (ms). */
  #lastEnd = -Infinity;
  #lastTook = 0;
  /** @param options How often to look, how much growth to allow, and how to collect. */
  constructor(options) {
    this.#collect = options.collect ?? exposedGc();
    this.#heapSize = options.heapSize ?? (() => Deno.memoryUsage().heapTotal);
    this.#now = options.now ?? (() => performance.now());
    this.#every = Math.max(1, Math.floor(options.every));
    this.#headroom = options.headroomBytes;
    if (this.#collect !== void 0) this.#base = this.#heapSize();
  }
  /** Whether the heap is ever collected here (the runtime exposes `gc`, or one was given). */
  get active() {
    return this.#collect !== void 0;
  }
  /**
   * Counts one job; at every `every`-th, collects if the heap grew by the headroom since the
   * last collection, and the last took at most 2% of the time since it ended.
   *
   * @returns Whether it collected.
   */
  tick() {
    if (this.#collect === void 0 || ++this.#ticks % this.#every !== 0) return false;
    const started = this.#now();
    if (started - this.#lastEnd < this.#lastTook / MOST_TIME_SHARE) return false;
    if (this.#heapSize() <= this.#base + this.#headroom) return false;
    this.#collect();
    this.#lastEnd = this.#now();
    this.#lastTook = this.#lastEnd - started;
    this.#base = this.#heapSize();
    return true;
  }
};
function exposedGc() {
  const gc = globalThis.gc;
  return typeof gc === "function" ? () => gc() : void 0;
}

// lib/export/_convert_worker.ts
var shared = new SharedInputs();
var collector = new HeapCollector(WORKER_COLLECTIONS);
var waiting = [];
var running = false;
self.onmessage = (event) => {
  waiting.push(event.data);
  if (!running) runWaiting();
};
async function runWaiting() {
  running = true;
  try {
    for (let request = waiting.shift(); request; request = waiting.shift()) {
      const { answer, transfer } = await answerOf(request, shared);
      self.postMessage(answer, transfer);
      collector.tick();
    }
  } finally {
    running = false;
  }
}

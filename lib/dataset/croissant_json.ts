/**
 * The card's `croissant.json`: Croissant 1.0 metadata (JSON-LD) of an export: its mask files as
 * a FileSet with their SHA-256, its classes as a RecordSet.
 *
 * @module
 */

import type { ClassTable } from "../detect/class_table.ts";

/** The Croissant 1.0 JSON-LD context. */
const CONTEXT = {
  "@language": "en",
  "@vocab": "https://schema.org/",
  citeAs: "cr:citeAs",
  column: "cr:column",
  conformsTo: "dct:conformsTo",
  cr: "http://mlcommons.org/croissant/",
  data: { "@id": "cr:data", "@type": "@json" },
  dataType: { "@id": "cr:dataType", "@type": "@vocab" },
  dct: "http://purl.org/dc/terms/",
  examples: { "@id": "cr:examples", "@type": "@json" },
  extract: "cr:extract",
  field: "cr:field",
  fileProperty: "cr:fileProperty",
  fileObject: "cr:fileObject",
  fileSet: "cr:fileSet",
  format: "cr:format",
  includes: "cr:includes",
  isLiveDataset: "cr:isLiveDataset",
  jsonPath: "cr:jsonPath",
  key: "cr:key",
  md5: "cr:md5",
  parentField: "cr:parentField",
  path: "cr:path",
  recordSet: "cr:recordSet",
  references: "cr:references",
  regex: "cr:regex",
  repeated: "cr:repeated",
  replace: "cr:replace",
  sc: "https://schema.org/",
  separator: "cr:separator",
  source: "cr:source",
  subField: "cr:subField",
  transform: "cr:transform",
};

/** What the metadata describes. */
export interface CroissantFacts {
  /** The lab project id. */
  projectId: string;
  /** When the export started (ISO 8601). */
  startedAt: string;
  /** The mask format. */
  maskFormat: string;
  /** The classes. */
  table: ClassTable;
  /** The manifest's entries (their files at least): each file is listed with its SHA-256. */
  entries: Iterable<{ files: Iterable<{ path: string; sha256: string }> }>;
  /** The dataset id, as the version. */
  datasetId?: string;
}

/**
 * The text of `croissant.json`.
 *
 * @param facts The export's project, format, classes and files.
 * @returns The JSON-LD text.
 *
 * @example
 * ```ts
 * import { classTable } from "@lab/masks/detect";
 * import { croissantJson } from "@lab/masks/dataset";
 *
 * const json = JSON.parse(croissantJson({
 *   projectId: "p1", startedAt: "2026-01-01T00:00:00.000Z", maskFormat: "class-index",
 *   table: classTable([{ id: "car", bChannel: 1 }]), entries: [],
 * }));
 * console.log(json.conformsTo, json.recordSet[0].data[1]["classes/label"]); // "http://mlcommons.org/croissant/1.0" "car"
 * ```
 */
export function croissantJson(facts: CroissantFacts): string {
  const files = [];
  for (const entry of facts.entries) {
    for (const file of entry.files) {
      files.push({
        "@type": "cr:FileObject",
        "@id": file.path,
        name: file.path,
        contentUrl: file.path,
        encodingFormat: "image/png",
        sha256: file.sha256,
      });
    }
  }
  const field = (name: string, dataType: string) => ({
    "@type": "cr:Field",
    "@id": `classes/${name}`,
    name,
    dataType,
  });
  const metadata = {
    "@context": CONTEXT,
    "@type": "sc:Dataset",
    conformsTo: "http://mlcommons.org/croissant/1.0",
    name: `lab-project-${facts.projectId}-masks`.replace(/[^A-Za-z0-9_-]/g, "_"),
    description: `Segmentation masks (${facts.maskFormat}) exported from the lab project ` +
      `${facts.projectId}.`,
    datePublished: facts.startedAt,
    ...(facts.datasetId ? { version: facts.datasetId } : {}),
    distribution: [
      ...files,
      {
        "@type": "cr:FileSet",
        "@id": "masks",
        name: "masks",
        description: "The mask files; each one's SHA-256 is its FileObject's.",
        encodingFormat: "image/png",
        includes: "**/*.png",
      },
    ],
    recordSet: [{
      "@type": "cr:RecordSet",
      "@id": "classes",
      name: "classes",
      description: "The class index written in the masks, and its label.",
      key: { "@id": "classes/index" },
      field: [field("index", "sc:Integer"), field("label", "sc:Text"), field("name", "sc:Text")],
      data: [
        { "classes/index": 0, "classes/label": "background", "classes/name": "background" },
        ...facts.table.classes.map((entry) => ({
          "classes/index": entry.index,
          "classes/label": entry.id,
          "classes/name": entry.name,
        })),
      ],
    }],
  };
  return `${JSON.stringify(metadata, null, 2)}\n`;
}

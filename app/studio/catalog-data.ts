/** The palette and inspector data the UI receives: generated from engine/catalog, never written by hand. */
import {
  allComplexTypes,
  allEvents,
  allEventSpecs,
  allMethods,
  allProperties,
  categoryOf,
  creatableTypes,
  isFluoOnly,
  padsOf,
  userParams,
} from '../../engine/index.ts';
import type { CatalogData, CatalogElement } from '../rpc/api.ts';

const ICON_BY_CATEGORY: Record<CatalogElement['category'], string> = { endpoint: 'endpoint', filter: 'filter', hub: 'hub', hubport: 'port' };

let cached: CatalogData | undefined;

export function catalogData(): CatalogData {
  cached ??= {
    elements: creatableTypes()
      .map((spec): CatalogElement => {
        const category = categoryOf(spec.name) as CatalogElement['category'];
        return {
          type: spec.name,
          category,
          module: spec.module,
          fluoOnly: isFluoOnly(spec.name),
          summary: spec.summary ?? firstSentence(spec.description),
          description: spec.description,
          icon: spec.icon ?? ICON_BY_CATEGORY[category],
          params: userParams(spec.name),
          properties: allProperties(spec.name),
          methods: allMethods(spec.name),
          events: allEvents(spec.name),
          pads: padsOf(spec.name),
        };
      })
      .sort((a, b) => a.type.localeCompare(b.type)),
    complexTypes: allComplexTypes(),
    events: allEventSpecs(),
  };
  return cached;
}

function firstSentence(text: string): string {
  const end = text.search(/[.!?](\s|$)/);
  return (end < 0 ? text : text.slice(0, end + 1)).slice(0, 120);
}

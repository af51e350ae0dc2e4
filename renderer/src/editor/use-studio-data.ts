/** What the editor loads from the app once and refreshes on events: catalog, templates, saved graphs, cameras. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CameraDevice, CatalogData, CatalogElement, GraphSummary, TemplateSummary } from '../../../app/rpc/api.ts';
import type { ComplexTypeSpec } from '../../../engine/catalog/types.ts';
import { errorText, useRpc } from '../rpc.ts';

export interface StudioData {
  catalog: CatalogData | null;
  specs: Map<string, CatalogElement>;
  complexTypes: Map<string, ComplexTypeSpec>;
  templates: TemplateSummary[];
  graphs: GraphSummary[];
  cameras: CameraDevice[];
  loadError: string | undefined;
  refreshGraphs(): void;
}

export function useStudioData(): StudioData {
  const rpc = useRpc();
  const [catalog, setCatalog] = useState<CatalogData | null>(null);
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [graphs, setGraphs] = useState<GraphSummary[]>([]);
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>();

  const refreshGraphs = useCallback(() => {
    rpc.call('graphs.list', {}).then(setGraphs, (e: unknown) => setLoadError(errorText(e)));
  }, [rpc]);

  useEffect(() => {
    Promise.all([rpc.call('catalog.get', {}), rpc.call('templates.list', {})]).then(([c, t]) => {
      setCatalog(c);
      setTemplates(t);
    }, (e: unknown) => setLoadError(errorText(e)));
    rpc.call('cameras.list', {}).then(setCameras, () => setCameras([]));
    refreshGraphs();
    const off = rpc.onEvent((event) => {
      if (event.kind === 'graphs-changed') refreshGraphs();
    });
    const offClose = rpc.onClose((reason) => setLoadError(`Lost the connection to Fluo (${reason}). Reload the page once it runs again.`));
    return () => {
      off();
      offClose();
    };
  }, [rpc, refreshGraphs]);

  const specs = useMemo(() => new Map((catalog?.elements ?? []).map((e) => [e.type, e])), [catalog]);
  const complexTypes = useMemo(() => new Map((catalog?.complexTypes ?? []).map((t) => [t.name, t])), [catalog]);
  return { catalog, specs, complexTypes, templates, graphs, cameras, loadError, refreshGraphs };
}

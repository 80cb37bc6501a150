import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { awsDrApiRef } from '../api/AwsDrApi';

/** The `dr` source's answer for the entity in context, as the DR tab and the header status read it. */
export function useEntityDr() {
  const { entity } = useEntity();
  const api = useApi(awsDrApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsync(() => api.getEntity(ref), [api, ref.kind, ref.namespace, ref.name]);
}

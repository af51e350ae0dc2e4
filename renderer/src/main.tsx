import '@xyflow/react/dist/style.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { connectRpc, RpcContext } from './rpc.ts';

const root = createRoot(document.getElementById('root')!);
const rpc = await connectRpc();
root.render(
  <StrictMode>
    <RpcContext.Provider value={rpc}>
      <App />
    </RpcContext.Provider>
  </StrictMode>,
);

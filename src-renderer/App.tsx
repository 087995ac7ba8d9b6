import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { LinkBanner } from './components/LinkBanner';
import { StatusBar } from './components/StatusBar';
import { StepNav } from './components/StepNav';
import { ConnectScreen } from './screens/ConnectScreen';
import { InspectScreen } from './screens/InspectScreen';
import { MapScreen } from './screens/MapScreen';
import { NotBuiltScreen } from './screens/NotBuiltScreen';
import { RunScreen } from './screens/RunScreen';
import type { StepId } from './lib/steps';
import { startApp } from './state/app';
import { loadConnections } from './state/connections';
import { useNavigation } from './state/navigation';

function Screen({ step }: { step: StepId }) {
  switch (step) {
    case 'connect':
      return <ConnectScreen />;
    case 'inspect':
      return <InspectScreen />;
    case 'map':
      return <MapScreen />;
    case 'dry-run':
    case 'run':
      return <RunScreen step={step} />;
    case 'profile':
    case 'validate':
    case 'report':
      return <NotBuiltScreen step={step} />;
  }
}

export function App() {
  const step = useNavigation((state) => state.step);
  useEffect(() => {
    startApp();
    loadConnections();
  }, []);
  return (
    <div className="app">
      <AppHeader />
      <LinkBanner />
      <div className="app-body">
        <StepNav />
        <main className="app-main">
          <Screen step={step} />
        </main>
      </div>
      <StatusBar />
    </div>
  );
}

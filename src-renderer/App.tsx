import { useEffect } from 'react';
import { AppHeader } from './components/AppHeader';
import { LinkBanner } from './components/LinkBanner';
import { StatusBar } from './components/StatusBar';
import { StepNav } from './components/StepNav';
import { ConnectScreen } from './screens/ConnectScreen';
import { InspectScreen } from './screens/InspectScreen';
import { MapScreen } from './screens/MapScreen';
import { ProfileScreen } from './screens/ProfileScreen';
import { RunScreen } from './screens/RunScreen';
import { ReportScreen } from './screens/ReportScreen';
import { ReviewerScreen } from './screens/ReviewerScreen';
import { ValidateScreen } from './screens/ValidateScreen';
import type { StepId } from './lib/steps';
import { startApp } from './state/app';
import { loadConnections } from './state/connections';
import { useNavigation } from './state/navigation';
import { useReview } from './state/review';

function Screen({ step }: { step: StepId }) {
  switch (step) {
    case 'connect':
      return <ConnectScreen />;
    case 'inspect':
      return <InspectScreen />;
    case 'profile':
      return <ProfileScreen />;
    case 'map':
      return <MapScreen />;
    case 'dry-run':
    case 'run':
      return <RunScreen step={step} />;
    case 'validate':
      return <ValidateScreen />;
    case 'report':
      return <ReportScreen />;
  }
}

export function App() {
  const step = useNavigation((state) => state.step);
  // Reviewer mode shows only the review: no steps, no connections.
  const reviewerMode = useReview((state) => state.mode !== 'project');
  useEffect(() => {
    startApp();
    loadConnections();
  }, []);
  return (
    <div className="app">
      <AppHeader />
      <LinkBanner />
      <div className="app-body">
        {reviewerMode ? null : <StepNav />}
        <main className={reviewerMode ? 'app-main app-main-alone' : 'app-main'}>
          {reviewerMode ? <ReviewerScreen /> : <Screen step={step} />}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}

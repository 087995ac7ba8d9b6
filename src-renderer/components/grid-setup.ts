/** ag-grid's one-time module registration and Tally's grid theme (Theming API; no legacy CSS). */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  // The system font, not a web font: the CSP allows no font from the network.
  fontFamily: 'inherit',
  fontSize: 12,
  headerFontSize: 12,
  headerFontWeight: 600,
  spacing: 5,
  accentColor: '#2f6feb',
  foregroundColor: '#1f2328',
  borderColor: '#d8dde3',
  headerBackgroundColor: '#f3f5f7',
  oddRowBackgroundColor: '#fafbfc',
  wrapperBorderRadius: 4,
  borderRadius: 3,
  browserColorScheme: 'light',
  // The grid grows with its rows; no blank body under a two-column table.
  autoHeightMinBodyHeight: 0,
});

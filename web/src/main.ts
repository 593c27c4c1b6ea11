import './styles.css';

// Each screen is its own chunk: a participant's page loads only the participant view, never the team's code.
const path = location.pathname.replace(/\/+$/, '') || '/';
const token = decodeURIComponent(location.hash.slice(1));

async function route(): Promise<void> {
  if (path === '/') return (await import('./screens/home')).showHome();
  if (path === '/study/new') return (await import('./screens/study-new')).showNewStudy();
  if (path === '/study') return (await import('./screens/home')).showOldStudyLink();
  const study = /^\/study\/([\w-]+)$/.exec(path);
  if (study) return (await import('./screens/study')).showStudy(study[1]!);
  if (path === '/sign-in') return (await import('./screens/account')).showSignIn();
  if (path === '/setup') return (await import('./screens/account')).showSetup(token);
  if (path === '/welcome') return (await import('./screens/account')).showWelcome(token);
  if (path === '/reset') return (await import('./screens/account')).showReset(token);
  if (path === '/account') return (await import('./screens/my-account')).showAccount();
  const workspace = /^\/workspace\/([\w-]+)$/.exec(path);
  if (workspace) return (await import('./screens/workspace')).showWorkspace(workspace[1]!);
  if (path === '/join') return (await import('./screens/join')).showJoin(token);
  if (path === '/shared') return (await import('./screens/shared')).showShared(token);
  const summary = /^\/summary\/([\w-]+)$/.exec(path);
  if (summary) return (await import('./screens/summary')).showSummaryPage(summary[1]!, token);
  const clip = /^\/clip\/([\w-]+)\/([\w-]+)$/.exec(path);
  if (clip) return (await import('./screens/clip')).showClipPage(clip[1]!, clip[2]!, token);
  return (await import('./screens/home')).showNotFound();
}

// Pasting another link into the address bar changes only the fragment; open it as a fresh page.
window.addEventListener('hashchange', () => location.reload());
void route();

import { Content, Header, InfoCard, Page, ProxiedSignInPage } from '@backstage/core-components';
import type { IdentityApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useState } from 'react';

/** Who one can sign in as on the demo portal (`auth.providers.demo.users`). */
const PERSONAS = [
  { user: 'olivia.brown', name: 'Olivia Brown', role: 'Finance: reads the cost of every cost center.' },
  { user: 'linh.tran', name: 'Linh Tran', role: 'Team CRM: reads the cost of what the team owns.' },
  { user: 'emma.schmidt', name: 'Emma Schmidt', role: 'Team Analytics: reads the cost of what the team owns.' },
];

const STORAGE_KEY = 'aws-portal:sign-in';

type Choice = { provider: 'guest' } | { provider: 'demo'; user: string };

function readChoice(): Choice | undefined {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the choice on sign-out, so that the next visit can choose again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    async signOut() {
      localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * The local portal's sign-in: as a guest, or as one of the demo catalog's
 * users (finance, a team member) to see what each may read. The choice is
 * kept until sign-out.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const [choice, setChoice] = useState<Choice | undefined>(readChoice);
  const choose = (c: Choice) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
    setChoice(c);
  };
  if (choice) {
    return (
      <ProxiedSignInPage
        {...props}
        onSignInSuccess={identity => props.onSignInSuccess(forgetOnSignOut(identity))}
        provider={choice.provider}
        headers={choice.provider === 'demo' ? { 'x-portal-demo-user': choice.user } : undefined}
      />
    );
  }
  return (
    <Page themeId="home">
      <Header title="AWS Developer Portal" subtitle="Sign in to the demo portal" />
      <Content>
        <Grid container spacing={2}>
          <Grid item xs={12} md={3}>
            <InfoCard
              title="Guest"
              variant="fullHeight"
              actions={
                <Button variant="outlined" onClick={() => choose({ provider: 'guest' })}>
                  Enter
                </Button>
              }
            >
              <Typography variant="body1">A member of the platform team.</Typography>
            </InfoCard>
          </Grid>
          {PERSONAS.map(p => (
            <Grid item xs={12} md={3} key={p.user}>
              <InfoCard
                title={p.name}
                variant="fullHeight"
                actions={
                  <Button variant="outlined" onClick={() => choose({ provider: 'demo', user: p.user })}>
                    Sign in as {p.name}
                  </Button>
                }
              >
                <Typography variant="body1">{p.role}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

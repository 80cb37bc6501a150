import { Content, Header, Page, ProxiedSignInPage, SignInPage } from '@backstage/core-components';
import { configApiRef, type IdentityApi, useApi } from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { Button, Card, CardBody, CardFooter, CardHeader, Grid, Text } from '@backstage/ui';
import { useState } from 'react';
import { oidcAuthApiRef } from './oidcAuthApi';

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
 * Sign-in as `portal.signIn.provider` says: the organisation's identity
 * provider through OIDC, the AWS ALB's own sign-in, or (the default, on a
 * developer's machine) the guest and the demo users.
 */
export function PortalSignInPage(props: SignInPageProps) {
  const provider = useApi(configApiRef).getOptionalString('portal.signIn.provider') ?? 'demo';
  if (provider === 'oidc') {
    return (
      <SignInPage
        {...props}
        title="AWS Developer Portal"
        provider={{
          id: 'oidc-auth-provider',
          title: 'Single sign-on',
          message: "Sign in with your organisation's account.",
          apiRef: oidcAuthApiRef,
        }}
      />
    );
  }
  if (provider === 'awsalb') return <ProxiedSignInPage {...props} provider="awsalb" />;
  return <DemoSignInPage {...props} />;
}

/**
 * The local portal's sign-in: as a guest, or as one of the demo catalog's
 * users (finance, a team member) to see what each may read. The choice is
 * kept until sign-out.
 */
function DemoSignInPage(props: SignInPageProps) {
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
        <Grid.Root columns={{ initial: '1', md: '4' }} gap="4">
          <Persona title="Guest" duty="A member of the platform team." action="Enter" onChoose={() => choose({ provider: 'guest' })} />
          {PERSONAS.map(p => (
            <Persona
              key={p.user}
              title={p.name}
              duty={p.role}
              action={`Sign in as ${p.name}`}
              onChoose={() => choose({ provider: 'demo', user: p.user })}
            />
          ))}
        </Grid.Root>
      </Content>
    </Page>
  );
}

function Persona(props: { title: string; duty: string; action: string; onChoose: () => void }) {
  return (
    <Card style={{ height: '100%' }}>
      <CardHeader>
        <Text as="h2" variant="title-x-small" weight="bold">
          {props.title}
        </Text>
      </CardHeader>
      <CardBody>
        <Text as="p" variant="body-medium">
          {props.duty}
        </Text>
      </CardBody>
      <CardFooter>
        <Button variant="secondary" onPress={props.onChoose}>
          {props.action}
        </Button>
      </CardFooter>
    </Card>
  );
}

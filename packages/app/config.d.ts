export interface Config {
  portal?: {
    signIn?: {
      /**
       * How people sign in: `oidc` (the backend's OpenID Connect provider),
       * `awsalb` (behind an AWS Application Load Balancer that
       * authenticates), or `demo` (the local portal's guest and demo users;
       * the default, refused by the backend outside a developer's machine).
       * @visibility frontend
       */
      provider?: 'oidc' | 'awsalb' | 'demo';
    };
  };
}

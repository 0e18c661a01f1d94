package org.tributary.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Jakarta Security's view of {@link Users}: the callers and their roles, from the database. */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

  @Inject Users users;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return users
        .verify(login.getCaller(), login.getPasswordAsString())
        .map(user -> new CredentialValidationResult(user.name(), user.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }
}

package org.tributary.console.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's users until they live in Tributary's database: {@code admin}, whose password is
 * {@code tributary.admin.password} (environment {@code TRIBUTARY_ADMIN_PASSWORD}) or, when none is
 * configured, a random one logged once at start; and {@code viewer} (read-only), present only when
 * {@code tributary.viewer.password} is set. There is no shared default password.
 */
@ApplicationScoped
public class ConfiguredUsers implements IdentityStore {

  private static final Logger LOG = Logger.getLogger(ConfiguredUsers.class.getName());

  @Inject
  @ConfigProperty(name = "tributary.admin.password")
  Optional<String> configuredAdminPassword;

  @Inject
  @ConfigProperty(name = "tributary.viewer.password")
  Optional<String> viewerPassword;

  private byte[] adminPassword;

  @PostConstruct
  void choosePasswords() {
    String admin = configuredAdminPassword.filter(p -> !p.isBlank()).orElse(null);
    if (admin == null) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      admin = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      LOG.warning(
          "No TRIBUTARY_ADMIN_PASSWORD configured: the console user 'admin' has this generated"
              + " password until the next restart: "
              + admin);
    }
    adminPassword = admin.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    byte[] given = login.getPasswordAsString().getBytes(StandardCharsets.UTF_8);
    if (Roles.ADMIN.equals(login.getCaller()) && MessageDigest.isEqual(given, adminPassword)) {
      return new CredentialValidationResult(Roles.ADMIN, Set.of(Roles.ADMIN));
    }
    if (Roles.VIEWER.equals(login.getCaller())
        && viewerPassword
            .filter(p -> !p.isBlank())
            .map(p -> MessageDigest.isEqual(given, p.getBytes(StandardCharsets.UTF_8)))
            .orElse(false)) {
      return new CredentialValidationResult(Roles.VIEWER, Set.of(Roles.VIEWER));
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}

package org.tributary.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * Tributary's users: who they are, their roles, their passwords' PBKDF2 hashes (Jakarta Security's
 * {@link Pbkdf2PasswordHash}), and the sign-in throttle.
 *
 * <p>First start: when no admin exists, {@code admin} is created with {@code
 * tributary.admin.password} ({@code TRIBUTARY_ADMIN_PASSWORD}), or with a random password that is
 * logged once and must be changed at the first console sign-in. {@code tributary.viewer.password},
 * if set, likewise creates a read-only {@code viewer}.
 *
 * <p>A slow hash on every HTTP request would cap the API at a few requests a second, so a verified
 * password is remembered for {@value #VERIFIED_MINUTES} minutes as an HMAC under a key that lives
 * only in this process; any change to the user forgets it.
 *
 * <p>Concurrency: bean-managed; the caches are concurrent maps, the store is transactional.
 */
@Singleton
@Startup
@DependsOn("Storage")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Users {

  private static final Logger LOG = Logger.getLogger(Users.class.getName());
  private static final int VERIFIED_MINUTES = 10;

  /** The throttle's "address" for password changes, which come from signed-in sessions. */
  private static final String CHANGE_PASSWORD = "change-password";

  @Inject UserStore store;
  @Inject Pbkdf2PasswordHash hashing;

  @Inject
  @ConfigProperty(name = "tributary.admin.password")
  Optional<String> configuredAdminPassword;

  @Inject
  @ConfigProperty(name = "tributary.viewer.password")
  Optional<String> configuredViewerPassword;

  /** OWASP's figure for PBKDF2-HMAC-SHA512 (2023). */
  @Inject
  @ConfigProperty(name = "tributary.security.pbkdf2.iterations", defaultValue = "210000")
  int iterations;

  private final Map<String, Verified> verified = new ConcurrentHashMap<>();
  private final LoginThrottle throttle = new LoginThrottle(Clock.systemUTC());
  private final Clock clock = Clock.systemUTC();
  private byte[] verifiedKey;
  private String unknownUserHash;

  @PostConstruct
  void start() {
    hashing.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", String.valueOf(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
    verifiedKey = new byte[32];
    new SecureRandom().nextBytes(verifiedKey);
    unknownUserHash = hash(randomPassword());
    createFirstUsers();
  }

  private void createFirstUsers() {
    boolean anAdminExists =
        store.all().stream().anyMatch(user -> user.roles().contains(Roles.ADMIN));
    if (!anAdminExists) {
      Optional<String> configured = configuredAdminPassword.filter(p -> !p.isBlank());
      String password = configured.orElseGet(Users::randomPassword);
      boolean created =
          store.create(
              new UserAccount(
                  Roles.ADMIN, hash(password), Set.of(Roles.ADMIN), configured.isEmpty()));
      if (!created) {
        LOG.severe(
            "No user has the admin role, and a user named 'admin' without it exists: give it the"
                + " role in the database (tributary_user.roles) or remove it and restart.");
      } else if (configured.isEmpty()) {
        LOG.warning(
            "First start: created the user 'admin' with the generated password "
                + password
                + " (shown only this once). It must be changed at the first console sign-in;"
                + " set TRIBUTARY_ADMIN_PASSWORD to choose it instead.");
      } else {
        LOG.info("First start: created the user 'admin' with the configured password.");
      }
    }
    configuredViewerPassword
        .filter(p -> !p.isBlank())
        .filter(p -> store.find(Roles.VIEWER).isEmpty())
        .ifPresent(
            password ->
                store.create(
                    new UserAccount(Roles.VIEWER, hash(password), Set.of(Roles.VIEWER), false)));
  }

  public List<UserView> list() {
    return store.all().stream().map(UserAccount::view).toList();
  }

  public Optional<UserView> find(String name) {
    return store.find(name).map(UserAccount::view);
  }

  public UserView create(String name, String password, Set<String> roles, boolean mustChange) {
    PasswordPolicy.requireValidName(name);
    PasswordPolicy.requireAcceptable(name, password);
    PasswordPolicy.requireKnownRoles(roles);
    UserAccount user = new UserAccount(name, hash(password), roles, mustChange);
    if (!store.create(user)) {
      throw new TributaryException(
          ErrorCode.USER_ALREADY_EXISTS, "A user named '" + name + "' exists already.");
    }
    return user.view();
  }

  /** Gives the user these roles; the last admin keeps the admin role. */
  public UserView setRoles(String name, Set<String> roles) {
    PasswordPolicy.requireKnownRoles(roles);
    if (!roles.contains(Roles.ADMIN)) {
      requireAnotherAdmin(name, "take the admin role from");
    }
    UserView changed = change(name, user -> user.setRoles(roles));
    verified.remove(name);
    return changed;
  }

  /** An admin sets someone's password, optionally to be changed at their next sign-in. */
  public UserView setPassword(String name, String password, boolean mustChange) {
    PasswordPolicy.requireAcceptable(name, password);
    String hashed = hash(password);
    UserView changed = change(name, user -> user.setPassword(hashed, mustChange));
    verified.remove(name);
    return changed;
  }

  /** A user changes their own password, proving the current one. */
  public UserView changeOwnPassword(String name, String current, String replacement) {
    // Behind the throttle too: a session left open must not become a way to guess the password.
    Duration locked = throttle.lockedFor(name, CHANGE_PASSWORD);
    if (!locked.isZero()) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Too many wrong current passwords: try again in " + (locked.toSeconds() + 1) + " s.");
    }
    Optional<UserAccount> found = store.find(name).filter(account -> matches(account, current));
    signedIn(name, CHANGE_PASSWORD, found.isPresent());
    UserAccount user =
        found.orElseThrow(
            () ->
                new TributaryException(
                    ErrorCode.INVALID_REQUEST, "The current password is not right."));
    if (current.equals(replacement)) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "The new password must differ from the current one.");
    }
    return setPassword(user.name(), replacement, false);
  }

  /** Deletes the user; the last admin stays. */
  public void delete(String name) {
    requireAnotherAdmin(name, "delete");
    if (!store.delete(name)) {
      throw userNotFound(name);
    }
    verified.remove(name);
  }

  /**
   * The user with these credentials, if they are right; a wrong password, an unknown name and a
   * sign-in refused by the throttle all answer empty. Callers that know the caller's address use
   * {@link #signIn} instead.
   */
  public Optional<UserView> verify(String name, String password) {
    Verified remembered = verified.get(name);
    byte[] proof = proof(password);
    if (remembered != null
        && remembered.until > clock.millis()
        && MessageDigest.isEqual(remembered.proof, proof)) {
      return Optional.of(remembered.user);
    }
    Optional<UserAccount> account = store.find(name);
    if (account.isEmpty()) {
      // As slow as a wrong password, so that timing does not tell which names exist.
      hashing.verify(String.valueOf(password).toCharArray(), unknownUserHash);
      return Optional.empty();
    }
    Optional<UserAccount> user = account.filter(found -> matches(found, password));
    user.ifPresent(
        found ->
            verified.put(
                name,
                new Verified(
                    found.view(),
                    proof,
                    clock.millis() + Duration.ofMinutes(VERIFIED_MINUTES).toMillis())));
    return user.map(UserAccount::view);
  }

  /** Whether the user must change the password before doing anything else. */
  public boolean mustChangePassword(String name) {
    Verified remembered = verified.get(name);
    if (remembered != null) {
      return remembered.user.mustChangePassword();
    }
    return store.find(name).map(UserAccount::mustChangePassword).orElse(false);
  }

  /** How long sign-ins for this name or from this address are refused; zero when they may try. */
  public Duration throttled(String name, String address) {
    return throttle.lockedFor(name, address);
  }

  /** Records a sign-in's outcome for the throttle. */
  public void signedIn(String name, String address, boolean succeeded) {
    if (succeeded) {
      throttle.succeeded(name, address);
    } else {
      throttle.failed(name, address);
    }
  }

  private UserView change(String name, java.util.function.Consumer<UserAccount> change) {
    return store.update(name, change).map(UserAccount::view).orElseThrow(() -> userNotFound(name));
  }

  private void requireAnotherAdmin(String name, String what) {
    boolean anotherAdmin =
        store.all().stream()
            .anyMatch(user -> !user.name().equals(name) && user.roles().contains(Roles.ADMIN));
    if (!anotherAdmin) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST,
          "Cannot " + what + " the last admin: make another user admin first.");
    }
  }

  private boolean matches(UserAccount user, String password) {
    return password != null && hashing.verify(password.toCharArray(), user.passwordHash());
  }

  private String hash(String password) {
    return hashing.generate(password.toCharArray());
  }

  private byte[] proof(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(verifiedKey, "HmacSHA256"));
      return mac.doFinal(String.valueOf(password).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static TributaryException userNotFound(String name) {
    return new TributaryException(ErrorCode.USER_NOT_FOUND, "No user named '" + name + "'.");
  }

  private static String randomPassword() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private record Verified(UserView user, byte[] proof, long until) {}
}

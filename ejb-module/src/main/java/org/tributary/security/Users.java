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
import org.tributary.audit.AuditAction;
import org.tributary.errors.ErrorCode;
import org.tributary.errors.TributaryException;

/**
 * Tributary's users: who they are, their roles, their passwords' PBKDF2 hashes (Jakarta Security's
 * {@link Pbkdf2PasswordHash}), and sign-in behind the throttle ({@link LoginThrottle}) and the
 * bound on concurrent hashing ({@link HashingLimit}).
 *
 * <p>First start: when no admin exists, {@code admin} is created with {@code
 * tributary.admin.password} ({@code TRIBUTARY_ADMIN_PASSWORD}), or with a random password that is
 * logged once and must be changed at the first console sign-in. {@code tributary.viewer.password},
 * if set, likewise creates a read-only {@code viewer}.
 *
 * <p>A slow hash on every HTTP request would cap the API at a few requests a second, so a verified
 * password is remembered for {@value #VERIFIED_MINUTES} minutes as an HMAC under a key that lives
 * only in this process; any change to the user forgets it, and a verification that was under way
 * during the change is not remembered.
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

  /** Per name, how many times it changed: a verification remembers only if none came between. */
  private final Map<String, Long> changes = new ConcurrentHashMap<>();

  private final HashingLimit hashingLimit =
      new HashingLimit(Math.max(2, Runtime.getRuntime().availableProcessors()));

  private final SignInCheck signIns =
      new SignInCheck(new LoginThrottle(System::nanoTime), hashingLimit);

  /** Wrong current passwords of signed-in users, counted per user. */
  private final SignInCheck passwordChanges =
      new SignInCheck(new LoginThrottle(System::nanoTime), hashingLimit);

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
    UserView changed = change(name, AuditAction.USER_ROLES, user -> user.setRoles(roles));
    forgetVerified(name);
    return changed;
  }

  /**
   * An admin sets someone's password, optionally to be changed at their next sign-in. The old
   * password stops working at once: its remembered verification is forgotten, and the user's
   * console sessions signed in before end (each compares {@link UserView#passwordChangedAt}).
   */
  public UserView setPassword(String name, String password, boolean mustChange) {
    PasswordPolicy.requireAcceptable(name, password);
    String hashed = hash(password);
    UserView changed =
        change(name, AuditAction.USER_PASSWORD, user -> user.setPassword(hashed, mustChange));
    forgetVerified(name);
    return changed;
  }

  /**
   * A user changes their own password, proving the current one. Behind a throttle of its own,
   * counted per user: a session left open must not become a way to guess the password.
   */
  public UserView changeOwnPassword(String name, String current, String replacement) {
    // The user is both the name and the "address": each user's count is theirs alone.
    SignIn check =
        passwordChanges.check(
            name, name, () -> remembered(name, current), () -> hashed(name, current));
    switch (check.outcome()) {
      case SIGNED_IN -> {}
      case THROTTLED ->
          throw new TributaryException(
              ErrorCode.INVALID_REQUEST,
              "Too many wrong current passwords: try again in "
                  + check.retryAfterSeconds()
                  + " s.");
      case BUSY ->
          throw new TributaryException(
              ErrorCode.INVALID_REQUEST,
              "Too many passwords are being checked right now: try again in a second.");
      default ->
          throw new TributaryException(
              ErrorCode.INVALID_REQUEST, "The current password is not right.");
    }
    if (current.equals(replacement)) {
      throw new TributaryException(
          ErrorCode.INVALID_REQUEST, "The new password must differ from the current one.");
    }
    return setPassword(name, replacement, false);
  }

  /** Deletes the user; the last admin stays. */
  public void delete(String name) {
    requireAnotherAdmin(name, "delete");
    if (!store.delete(name)) {
      throw userNotFound(name);
    }
    forgetVerified(name);
  }

  /**
   * Signs in from {@code address} (see {@link TrustedProxies}): the right password always signs in,
   * throttled or not; a wrong one counts against the name at that address ({@link SignInCheck}).
   */
  public SignIn signIn(String name, String password, String address) {
    return signIns.check(
        name, address, () -> remembered(name, password), () -> hashed(name, password));
  }

  /**
   * The user with these credentials, if they are right; a wrong password and an unknown name both
   * answer empty. Neither throttled nor bounded: callers that sign someone in use {@link #signIn}.
   */
  public Optional<UserView> verify(String name, String password) {
    return remembered(name, password).or(() -> hashed(name, password));
  }

  /** The user if the password matches the stored hash; then remembered for a while. */
  private Optional<UserView> hashed(String name, String password) {
    long changesSeen = changes.getOrDefault(name, 0L);
    Optional<UserAccount> account = store.find(name);
    if (account.isEmpty()) {
      // As slow as a wrong password, so that timing does not tell which names exist.
      hashing.verify(String.valueOf(password).toCharArray(), unknownUserHash);
      return Optional.empty();
    }
    Optional<UserView> user =
        account.filter(found -> matches(found, password)).map(UserAccount::view);
    user.ifPresent(
        found ->
            verified.compute(
                name,
                (key, old) ->
                    changes.getOrDefault(name, 0L) == changesSeen
                        ? new Verified(
                            found,
                            proof(password),
                            System.nanoTime() + Duration.ofMinutes(VERIFIED_MINUTES).toNanos())
                        : old));
    return user;
  }

  private Optional<UserView> remembered(String name, String password) {
    Verified remembered = verified.get(name);
    if (remembered != null
        && remembered.until - System.nanoTime() > 0
        && MessageDigest.isEqual(remembered.proof, proof(password))) {
      return Optional.of(remembered.user);
    }
    return Optional.empty();
  }

  /** Whether the user must change the password before doing anything else. */
  public boolean mustChangePassword(String name) {
    Verified remembered = verified.get(name);
    if (remembered != null) {
      return remembered.user.mustChangePassword();
    }
    return store.find(name).map(UserAccount::mustChangePassword).orElse(false);
  }

  /**
   * How long sign-ins for this name from this address are throttled; zero when they are not. A
   * throttled sign-in with the right password still succeeds.
   */
  public Duration throttled(String name, String address) {
    return signIns.throttledFor(name, address);
  }

  private void forgetVerified(String name) {
    changes.merge(name, 1L, Long::sum);
    verified.remove(name);
  }

  private UserView change(
      String name, AuditAction action, java.util.function.Consumer<UserAccount> change) {
    return store
        .update(name, action, change)
        .map(UserAccount::view)
        .orElseThrow(() -> userNotFound(name));
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

  /** A verified password's proof, remembered until {@code until} ({@code nanoTime}). */
  private record Verified(UserView user, byte[] proof, long until) {}
}

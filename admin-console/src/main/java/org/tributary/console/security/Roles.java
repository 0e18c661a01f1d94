package org.tributary.console.security;

/** The console's roles: an admin changes things, a viewer sees everything and changes nothing. */
public final class Roles {

  public static final String ADMIN = "admin";
  public static final String VIEWER = "viewer";

  private Roles() {}
}

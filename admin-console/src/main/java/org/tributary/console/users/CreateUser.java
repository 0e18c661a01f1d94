package org.tributary.console.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.security.Users;

/**
 * Backs the new-user form: a name, roles, an initial password that by default must be changed at
 * the first sign-in, so that only the user knows the password they then use.
 */
@Named
@RequestScoped
public class CreateUser {

  @Inject Users users;

  private String name;
  private List<String> roles = new ArrayList<>();
  private String password;
  private boolean mustChangePassword = true;

  @ChangeAction
  public String create() {
    users.create(name, password, new LinkedHashSet<>(roles), mustChangePassword);
    Messages.infoAfterRedirect(
        "User " + name + " created.",
        mustChangePassword
            ? "They choose their own password when they first sign in to the console."
            : "They sign in with the password you set.");
    return "/users?faces-redirect=true";
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name == null ? null : name.strip();
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  public void setMustChangePassword(boolean mustChangePassword) {
    this.mustChangePassword = mustChangePassword;
  }
}

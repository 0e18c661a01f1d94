package org.tributary.console.users;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.tributary.console.navigation.Messages;
import org.tributary.console.security.ChangeAction;
import org.tributary.console.security.ConsoleAuthentication;
import org.tributary.console.security.CurrentUser;
import org.tributary.security.UserView;
import org.tributary.security.Users;

/**
 * Backs a user's page: the roles, a new password set by the admin (by default to be changed at the
 * next sign-in), deletion. The core refuses what would leave no admin.
 */
@Named
@ViewScoped
public class UserDetails implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject Users users;
  @Inject CurrentUser currentUser;

  private String name;
  private UserView user;
  private List<String> roles = new ArrayList<>();
  private String newPassword;
  private boolean mustChangePassword = true;

  /** Reads the user named by the view parameter, for admins only; none shows an empty state. */
  public void load() {
    if (currentUser.isAdmin() && name != null) {
      user = users.find(name).orElse(null);
      if (user != null) {
        roles = new ArrayList<>(user.roles());
      }
    }
  }

  @ChangeAction
  public String saveRoles() {
    users.setRoles(name, new LinkedHashSet<>(roles));
    Messages.infoAfterRedirect("Roles of " + name + " saved.", String.join(", ", roles) + ".");
    return reload();
  }

  @ChangeAction
  public String setPassword() {
    // The user's console sessions end, unless it is the admin's own, which goes on.
    ConsoleAuthentication.passwordChanged(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest(),
        users.setPassword(name, newPassword, mustChangePassword));
    Messages.infoAfterRedirect(
        "Password of " + name + " set.",
        mustChangePassword
            ? "They must change it when they next sign in to the console."
            : "They sign in with it from now on.");
    return reload();
  }

  @ChangeAction
  public String delete() {
    users.delete(name);
    Messages.infoAfterRedirect("User " + name + " deleted.", null);
    return "/users?faces-redirect=true";
  }

  private String reload() {
    return "/user?faces-redirect=true&name=" + name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public UserView getUser() {
    return user;
  }

  public List<String> getRoles() {
    return roles;
  }

  public void setRoles(List<String> roles) {
    this.roles = roles;
  }

  public String getNewPassword() {
    return newPassword;
  }

  public void setNewPassword(String newPassword) {
    this.newPassword = newPassword;
  }

  public boolean isMustChangePassword() {
    return mustChangePassword;
  }

  public void setMustChangePassword(boolean mustChangePassword) {
    this.mustChangePassword = mustChangePassword;
  }
}

package org.tributary.console.users;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.tributary.console.security.CurrentUser;
import org.tributary.security.UserView;
import org.tributary.security.Users;

/** Backs the user list: who may sign in, with which roles. Only admins see it. */
@Named
@RequestScoped
public class ListUsers {

  @Inject Users users;
  @Inject CurrentUser currentUser;

  private List<UserView> rows;

  public List<UserView> getRows() {
    if (rows == null) {
      rows = currentUser.isAdmin() ? users.list() : List.of();
    }
    return rows;
  }
}

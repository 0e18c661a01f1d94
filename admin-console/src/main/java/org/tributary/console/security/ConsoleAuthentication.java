package org.tributary.console.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Console login: a Faces login page that authenticates through Jakarta Security. Which pages need
 * which role is the web.xml's security constraints; who the users are is an identity store bean
 * ({@link ConfiguredUsers} until users live in the database). Neither is code in the pages.
 */
@ApplicationScoped
@DeclareRoles({Roles.ADMIN, Roles.VIEWER})
@CustomFormAuthenticationMechanismDefinition(
    loginToContinue =
        @LoginToContinue(
            loginPage = "#{consolePaths.loginPage}",
            errorPage = "#{consolePaths.loginFailedPage}",
            useForwardToLogin = false))
public class ConsoleAuthentication {}

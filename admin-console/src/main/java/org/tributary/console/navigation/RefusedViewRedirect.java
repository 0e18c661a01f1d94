package org.tributary.console.navigation;

import jakarta.faces.FacesException;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;

/**
 * Requests the console refuses do nothing and lead to a page with a message, instead of an error
 * page:
 *
 * <ul>
 *   <li>a form sent from a page whose view state the server does not have (the session ended, the
 *       server restarted, or the state was forged) brings that page back;
 *   <li>a protected page (faces-config.xml) opened without the session's token, as a link from
 *       outside the console or from an ended session would ({@link ProtectedViewTokenCheck}), or
 *       from another site's page (Faces' own check of the Referer and Origin), leads to the
 *       overview.
 * </ul>
 *
 * Other failures keep the error page.
 */
public class RefusedViewRedirect extends ExceptionHandlerWrapper {

  /** Registered in faces-config.xml. */
  public static class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new RefusedViewRedirect(getWrapped().getExceptionHandler());
    }
  }

  RefusedViewRedirect(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
    while (events.hasNext()) {
      Throwable exception = events.next().getContext().getException();
      FacesContext faces = FacesContext.getCurrentInstance();
      if (exception instanceof ViewExpiredException expired) {
        events.remove();
        Messages.errorAfterRedirect(
            "The page had expired, so nothing was done.", "Here it is again: repeat what you did.");
        redirect(faces, samePage(faces.getExternalContext(), expired));
      } else if (exception instanceof ProtectedViewException) {
        events.remove();
        refuseProtectedView(faces);
      }
    }
    getWrapped().handle();
  }

  /** A protected view opened from outside the console: to the overview, with a message. */
  static void refuseProtectedView(FacesContext faces) {
    Messages.errorAfterRedirect(
        "That page opens only from the console's own links, so it was not shown.",
        "Nothing was changed. Go to it from here.");
    redirect(faces, ConsolePaths.url(faces.getExternalContext(), "/index.xhtml"));
  }

  private static void redirect(FacesContext faces, String url) {
    try {
      faces.getExternalContext().redirect(url);
    } catch (IOException e) {
      throw new FacesException(e);
    }
    faces.responseComplete();
  }

  /** The page as the browser had it (with its parameters) when the referrer is that page. */
  private static String samePage(ExternalContext external, ViewExpiredException expired) {
    HttpServletRequest request = (HttpServletRequest) external.getRequest();
    String referer = request.getHeader("Referer");
    if (referer != null) {
      try {
        URI from = URI.create(referer);
        if (request.getRequestURI().equals(from.getPath())) {
          return from.getRawQuery() == null
              ? from.getRawPath()
              : from.getRawPath() + "?" + from.getRawQuery();
        }
      } catch (IllegalArgumentException e) {
        // not a URI: fall back to the page itself
      }
    }
    return ConsolePaths.url(external, expired.getViewId());
  }
}

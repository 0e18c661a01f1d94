package org.tributary.console.navigation;

import jakarta.faces.FacesException;
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
 * A form sent from a page whose view state the server no longer has (the session ended, the server
 * restarted, or the state was forged) does nothing and brings the page back with a message, instead
 * of an error page. Other failures keep the error page.
 */
public class ExpiredViewRedirect extends ExceptionHandlerWrapper {

  /** Registered in faces-config.xml. */
  public static class Factory extends ExceptionHandlerFactory {

    public Factory(ExceptionHandlerFactory wrapped) {
      super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
      return new ExpiredViewRedirect(getWrapped().getExceptionHandler());
    }
  }

  ExpiredViewRedirect(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
    while (events.hasNext()) {
      if (events.next().getContext().getException() instanceof ViewExpiredException expired) {
        events.remove();
        FacesContext faces = FacesContext.getCurrentInstance();
        Messages.errorAfterRedirect(
            "The page had expired, so nothing was done.", "Here it is again: repeat what you did.");
        try {
          faces.getExternalContext().redirect(samePage(faces.getExternalContext(), expired));
        } catch (IOException e) {
          throw new FacesException(e);
        }
        faces.responseComplete();
      }
    }
    getWrapped().handle();
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

package org.tributary.console.navigation;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.faces.FactoryFinder;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.faces.render.RenderKitFactory;
import jakarta.faces.render.ResponseStateManager;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;

/**
 * Refuses a protected view (faces-config.xml) requested without the session's token before Faces'
 * own check sees it, because Mojarra's check logs the session's token at SEVERE on every refusal,
 * and secrets stay out of logs. A request with the right token still passes Faces' check, which
 * also refuses links from other sites by their Referer and Origin. Registered in faces-config.xml.
 */
public class ProtectedViewTokenCheck implements PhaseListener {

  private static final long serialVersionUID = 1L;

  @Override
  public PhaseId getPhaseId() {
    return PhaseId.RESTORE_VIEW;
  }

  @Override
  public void beforePhase(PhaseEvent event) {
    FacesContext faces = event.getFacesContext();
    if (faces.isPostback()) {
      return; // a form's view state proves where it came from
    }
    String page = ConsolePaths.pageOf((HttpServletRequest) faces.getExternalContext().getRequest());
    ViewHandler views = faces.getApplication().getViewHandler();
    if (views.getProtectedViewsUnmodifiable().contains(page) && !carriesTheToken(faces, views)) {
      RefusedViewRedirect.refuseProtectedView(faces);
    }
  }

  @Override
  public void afterPhase(PhaseEvent event) {}

  private static boolean carriesTheToken(FacesContext faces, ViewHandler views) {
    String token =
        faces
            .getExternalContext()
            .getRequestParameterMap()
            .get(ResponseStateManager.NON_POSTBACK_VIEW_TOKEN_PARAM);
    RenderKitFactory renderKits =
        (RenderKitFactory) FactoryFinder.getFactory(FactoryFinder.RENDER_KIT_FACTORY);
    ResponseStateManager state =
        renderKits.getRenderKit(faces, views.calculateRenderKitId(faces)).getResponseStateManager();
    // The session keeps the token URL-encoded, as links carry it; compared as Faces compares it.
    return token != null
        && URLEncoder.encode(token, UTF_8)
            .equals(state.getCryptographicallyStrongTokenFromSession(faces));
  }
}

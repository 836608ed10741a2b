package io.channelpulse.web;

import io.channelpulse.api.BadParameterException;
import io.channelpulse.api.ApiError;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelpulse.store.DatabaseUnavailable;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.qute.Template;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.UUID;

/** Errors as {@code {"error": …}} with a status that says whose fault it was. */
class ApiExceptionMappers {

    @Inject
    Template error;

    @ServerExceptionMapper
    Response badParameter(BadParameterException e, UriInfo uri) {
        return answer(uri, Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    Response badJson(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Framework errors (an unreadable body, an unknown path) get the same shape as ours. */
    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, UriInfo uri) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        String message = e.getCause() instanceof JsonProcessingException json
                ? "The request body is not valid JSON: " + json.getOriginalMessage()
                : e.getMessage();
        return answer(uri, response.getStatus(), message);
    }

    /** Pages get a page that explains; the JSON API and the CSV downloads get {"error": …}. */
    private Response answer(UriInfo uri, int status, String message) {
        String path = uri.getPath();
        if (path.startsWith("/api") || path.startsWith("/export") || path.startsWith("/q/")) {
            return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("status", status).data("message", message).render()).build();
    }

    /**
     * A write without admin credentials. The API answers with a Basic challenge (the login form's cookie does
     * not count there); pages send the person to the login form.
     */
    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, UriInfo uri) {
        if (uri.getPath().startsWith("/api")) {
            return Response.status(Response.Status.UNAUTHORIZED)
                    .header("WWW-Authenticate", "Basic realm=\"Channel Pulse\", charset=\"UTF-8\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError("Changes need the admin user: HTTP Basic as admin with the admin password"))
                    .build();
        }
        return Response.seeOther(URI.create("/admin/login")).build();
    }

    /** Our own SQL failed. */
    @ServerExceptionMapper
    Response storeFailure(StoreException e, UriInfo uri) {
        return databaseFailure(e, uri);
    }

    /** Hibernate's SQL failed. */
    @ServerExceptionMapper
    Response persistenceFailure(PersistenceException e, UriInfo uri) {
        return databaseFailure(e, uri);
    }

    /** A transaction could not begin, commit or roll back. */
    @ServerExceptionMapper
    Response transactionFailure(QuarkusTransactionException e, UriInfo uri) {
        return databaseFailure(e, uri);
    }

    /**
     * A database that is away (a restart, an outage) is 503 with a message to try again: the pool reconnects by
     * itself once it is back. Any other database error is ours: 500 with an id to find it in the log.
     */
    private Response databaseFailure(RuntimeException e, UriInfo uri) {
        if (DatabaseUnavailable.causedIt(e)) {
            Log.warnf("Database not available for %s: %s", uri.getPath(), e.getMessage());
            return answer(uri, Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), DATABASE_AWAY);
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "Database error %s for %s", id, uri.getPath());
        return answer(uri, Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(),
                "Internal error " + id + ": the database refused a request; the server log has the details");
    }

    static final String DATABASE_AWAY = "The database is not available right now; try again shortly";

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}

package io.channelpulse.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channelpulse.store.StoreException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Errors as {@code {"error": …}} with a status that says whose fault it was. */
class ApiExceptionMappers {

    @ServerExceptionMapper
    Response badParameter(BadParameterException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    Response badJson(JsonProcessingException e) {
        return error(Response.Status.BAD_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Framework errors (an unreadable body, an unknown path) get the same shape as ours. */
    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        String message = e.getCause() instanceof JsonProcessingException json
                ? "The request body is not valid JSON: " + json.getOriginalMessage()
                : e.getMessage();
        return Response.status(response.getStatus()).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }

    @ServerExceptionMapper
    Response storeFailure(StoreException e) {
        Log.error("Database failure", e);
        return error(Response.Status.SERVICE_UNAVAILABLE, "The database is not available right now; try again shortly");
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}

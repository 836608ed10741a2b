package io.channelpulse.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as the admin of the test profile. */
public final class Admin {

    public static final String PASSWORD = "test-admin-password";

    private Admin() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().auth().preemptive().basic("admin", PASSWORD).contentType(ContentType.JSON);
    }
}

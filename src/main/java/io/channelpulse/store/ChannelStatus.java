package io.channelpulse.store;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;

public enum ChannelStatus {
    ACTIVE("active"),
    PAUSED("paused"),
    NO_PREVIEW("no_preview"),
    FAILING("failing");

    private final String value;

    ChannelStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    static ChannelStatus of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown channel status " + value));
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<ChannelStatus, String> {

        @Override
        public String convertToDatabaseColumn(ChannelStatus status) {
            return status == null ? null : status.value;
        }

        @Override
        public ChannelStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}

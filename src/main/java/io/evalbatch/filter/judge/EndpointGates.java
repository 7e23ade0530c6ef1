package io.evalbatch.filter.judge;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The process's {@link EndpointGate}s, one per endpoint and model: every run and thread of the
 * process that asks the same judge shares its budget and its pauses.
 */
@Component
class EndpointGates {

    private final Map<String, EndpointGate> gates = new ConcurrentHashMap<>();

    EndpointGate gate(String baseUrl, String model) {
        String name = model + " at " + baseUrl;
        return gates.computeIfAbsent(name, EndpointGate::new);
    }
}

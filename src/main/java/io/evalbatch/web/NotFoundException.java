package io.evalbatch.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No run or sample by that id: the page says so with 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
final class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}

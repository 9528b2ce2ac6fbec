package org.cartrial.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The landing page after sign-in: a door to the screens of the person's role. */
@Controller
class HomePage {

    @GetMapping({"/app", "/app/"})
    String home() {
        return "home";
    }
}

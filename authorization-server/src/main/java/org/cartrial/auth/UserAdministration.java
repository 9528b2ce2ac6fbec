package org.cartrial.auth;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin adds people without a restart (e.g. the first users of a newly registered site). The new password is
 * answered once (and kept in the owner-only users file); it is never logged. Admin role only (see the security
 * configuration: a bearer token with {@code roles: [admin]}).
 */
@RestController
@RequestMapping("/admin/users")
class UserAdministration {

    /** What the admin sends: a user name, a role of the trial and, for site-bound roles, the site. */
    record NewUser(String name, String role, String site) {
    }

    private final TrialUsers users;

    UserAdministration(TrialUsers users) {
        this.users = users;
    }

    @GetMapping
    List<TrialUsers.Person> people() {
        return users.all();
    }

    @PostMapping
    ResponseEntity<?> add(@RequestBody NewUser request) {
        List<String> sites = request.site() == null || request.site().isBlank() ? List.of() : List.of(request.site().trim());
        TrialUsers.Person person = new TrialUsers.Person(request.name() == null ? "" : request.name().trim(),
                request.role() == null ? "" : request.role().trim(), sites);
        try {
            String password = users.add(person);
            return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("name", person.name(), "role", person.role(),
                    "sites", person.sites(), "password", password));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            return problem(HttpStatus.CONFLICT, e.getMessage());
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String rule) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "the user was not added: " + rule);
        problem.setProperty("code", rule);
        return ResponseEntity.status(status).body(problem);
    }
}
